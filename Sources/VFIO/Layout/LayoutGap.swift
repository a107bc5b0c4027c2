/// Bytes of a struct that no member occupies: a hole between members or padding at the tail.
public struct LayoutGap: Sendable, Hashable, CustomStringConvertible {
  /// The first unoccupied byte.
  public var offset: Int
  /// How many bytes are unoccupied.
  public var size: Int
  /// The member the gap follows, or nil for a gap at offset 0.
  public var after: String?

  /// `size` unoccupied bytes at `offset`, after member `after`.
  public init(offset: Int, size: Int, after: String?) {
    self.offset = offset
    self.size = size
    self.after = after
  }

  public var description: String {
    "\(size) bytes at \(offset)" + (after.map { " after \($0)" } ?? "")
  }
}
