/// One capability of an info chain, as the kernel wrote it.
public struct RawCapability: Hashable, Sendable {
  /// The capability id, in the id space of the info ioctl it came from.
  public let id: UInt16
  /// The layout version, specific to the id.
  public let version: UInt16
  /// Where its header starts in the info buffer.
  public let offset: Int
  /// The capability from its header up to the next capability, or to the end
  /// of the valid buffer for the last one (alignment padding included).
  public let bytes: [UInt8]

  /// A capability with these header fields and bytes, e.g. to test a decoder.
  public init(id: UInt16, version: UInt16, offset: Int, bytes: [UInt8]) {
    self.id = id
    self.version = version
    self.offset = offset
    self.bytes = bytes
  }
}
