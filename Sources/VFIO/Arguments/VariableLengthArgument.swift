/// An ioctl argument made of a fixed C struct and a trailing payload, in one
/// zeroed allocation whose `argsz` is the total size.
///
/// Swift drops C flexible array members, so the payload (`data[]`, a
/// capability chain, a `vfio_bitmap`) is reached through raw bytes. The
/// storage is aligned for the header and for 64-bit payload fields, so a
/// `__u64` payload after a 4-byte-aligned header (as in `vfio_device_feature`)
/// is naturally aligned too.
public struct VariableLengthArgument<Header: VariableLengthHeader>: ~Copyable {
  @usableFromInline
  let base: UnsafeMutableRawPointer

  /// Bytes allocated: the fixed struct plus the payload.
  public let size: Int

  /// Builds the argument with `payloadSize` zero bytes after `header`, and
  /// `argsz` set to the total.
  public init(_ header: Header, payloadSize: Int) throws(ArgumentSizeError) {
    let fixed = MemoryLayout<Header>.size
    guard payloadSize >= 0, payloadSize <= Int(UInt32.max) - fixed else {
      throw .payloadSizeOutOfRange(payloadSize: payloadSize, fixedSize: fixed)
    }
    self.init(header, totalSize: fixed + payloadSize)
  }

  /// Builds the argument without a payload.
  public init(_ header: Header) {
    self.init(header, totalSize: MemoryLayout<Header>.size)
  }

  /// `totalSize` is at least the header's size and fits a `__u32`.
  init(_ header: Header, totalSize: Int) {
    let alignment = Swift.max(MemoryLayout<Header>.alignment, MemoryLayout<UInt64>.alignment)
    base = .allocate(byteCount: totalSize, alignment: alignment)
    base.initializeMemory(as: UInt8.self, repeating: 0, count: totalSize)
    size = totalSize
    var header = header
    header.argsz = UInt32(truncatingIfNeeded: totalSize)
    base.storeBytes(of: header, as: Header.self)
  }

  deinit { base.deallocate() }

  /// The fixed struct at the start of the argument.
  public var header: Header {
    get { base.load(as: Header.self) }
    set { base.storeBytes(of: newValue, as: Header.self) }
  }

  /// Where the payload starts: right after the fixed struct.
  public static var payloadOffset: Int { MemoryLayout<Header>.size }

  /// Bytes after the fixed struct.
  public var payloadSize: Int { size - Self.payloadOffset }

  /// The bytes the header's `argsz` declares valid, never past the allocation.
  public var validSize: Int { Swift.min(Int(header.argsz), size) }

  /// The whole argument, header included.
  public func withUnsafeBytes<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeRawBufferPointer(start: base, count: size))
  }

  /// The whole argument, header included, for writing.
  public mutating func withUnsafeMutableBytes<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeMutableRawBufferPointer(start: base, count: size))
  }

  /// The payload after the fixed struct, for writing.
  public mutating func withUnsafeMutablePayload<Result: ~Copyable, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeMutableRawBufferPointer(start: base + Self.payloadOffset, count: payloadSize))
  }
}
