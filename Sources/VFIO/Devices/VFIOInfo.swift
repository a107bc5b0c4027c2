import CVFIO

/// An info struct as the kernel filled it, and the bytes of the whole
/// argument (fixed part and capability chain) for capability parsing.
public struct VFIOInfo<Info: VFIOStruct & Sendable>: Sendable where Info.RawValue: BitwiseCopyable {
  /// The fixed-size struct.
  public var info: Info
  /// Every byte the kernel returned, starting with the fixed struct: the chain's
  /// `cap_offset` and `next` fields are offsets into these bytes.
  public var bytes: [UInt8]
  /// The `argsz` the kernel asked for on the first call, when it exceeded the fixed struct.
  public var requestedSize: Int?
}

extension VFIODescriptor {
  /// Issues an info request whose argument starts with `argsz`; when the kernel
  /// answers that it needs more room (a capability chain), repeats the request
  /// once with a buffer of the size it asked for.
  internal func callGrowing<Info: VFIOStruct & Sendable>(
    _ request: Request, _ info: Info, on target: @autoclosure () -> String
  ) throws(VFIOError) -> VFIOInfo<Info> where Info.RawValue: BitwiseCopyable {
    let header = info.rawValue
    var first = header
    try call(request, &first, on: target())
    let fixed = MemoryLayout<Info.RawValue>.size
    let asked = withUnsafeBytes(of: first) { Int($0.load(as: UInt32.self)) }
    guard asked > fixed else {
      return VFIOInfo(info: Info(rawValue: first), bytes: withUnsafeBytes(of: first) { Array($0) }, requestedSize: nil)
    }
    let bytes = try withArgumentBuffer(byteCount: asked) { (buffer) throws(VFIOError) -> [UInt8] in
      withUnsafeBytes(of: header) { buffer.copyMemory(from: $0) }
      buffer.storeBytes(of: UInt32(asked), as: UInt32.self)
      try call(request, buffer.baseAddress, on: target())
      return Array(buffer)
    }
    let filled = bytes.withUnsafeBytes { $0.loadUnaligned(as: Info.RawValue.self) }
    return VFIOInfo(info: Info(rawValue: filled), bytes: bytes, requestedSize: asked)
  }
}

/// Runs `body` on `byteCount` zeroed bytes aligned for any VFIO argument struct.
internal func withArgumentBuffer<Result>(
  byteCount: Int, _ body: (UnsafeMutableRawBufferPointer) throws(VFIOError) -> Result
) throws(VFIOError) -> Result {
  let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(byteCount, 1), alignment: 8)
  defer { buffer.deallocate() }
  buffer.initializeMemory(as: UInt8.self, repeating: 0)
  return try body(UnsafeMutableRawBufferPointer(rebasing: buffer[..<byteCount]))
}

/// `count` as a `__u32` field (`argsz`, a count); EINVAL, as the kernel would
/// answer, when it does not fit.
internal func u32(_ count: Int, _ operation: String, on target: @autoclosure () -> String) throws(VFIOError) -> UInt32 {
  guard let value = UInt32(exactly: count) else {
    throw VFIOError(operation: operation, target: target(), errno: .invalidArgument)
  }
  return value
}
