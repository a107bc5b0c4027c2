/// Where one member of a struct lives, as one source (Swift, the C compiler, a baseline) sees it.
public struct FieldLayout: Sendable, Hashable {
  /// The member's name as C code spells it. Members of anonymous unions carry their own names,
  /// because C code names them as if they were direct members.
  public var name: String
  /// The byte offset from the start of the struct.
  public var offset: Int
  /// The member's size in bytes; 0 for a flexible array member.
  public var size: Int
  /// Whether the member is a flexible array (`T name[]`), the start of a variable-length payload.
  public var isFlexibleArray: Bool
  /// The 1-based index of the anonymous union the member belongs to, or nil for a direct member.
  public var anonymousUnion: Int?

  /// A member `name` of `size` bytes at byte `offset`.
  public init(
    name: String, offset: Int, size: Int, isFlexibleArray: Bool = false, anonymousUnion: Int? = nil
  ) {
    self.name = name
    self.offset = offset
    self.size = size
    self.isFlexibleArray = isFlexibleArray
    self.anonymousUnion = anonymousUnion
  }

  /// The bytes the member occupies.
  public var bytes: Range<Int> { offset..<(offset + size) }
}
