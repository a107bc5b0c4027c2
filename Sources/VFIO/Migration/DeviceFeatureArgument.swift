import CVFIO
import SystemPackage

/// The argument of `VFIO_DEVICE_FEATURE`: `struct vfio_device_feature` (argsz,
/// flags) followed by the feature's payload in its flexible `data[]` member.
///
/// argsz counts the header and the payload; the kernel rejects a smaller one
/// with EINVAL before it looks at the payload.
struct FixedFeatureArgument<Payload: BitwiseCopyable> {
  /// Where `data[]` starts: the header's size (C's `offsetof(data)`, pinned by a test).
  static var payloadOffset: Int { MemoryLayout<vfio_device_feature>.size }

  /// Header plus payload.
  static var argsz: Int { payloadOffset + MemoryLayout<Payload>.size }

  /// The buffer's alignment: the payloads hold `__aligned_u64` fields, which the
  /// kernel reads at `data`; the header's size keeps them aligned.
  static var alignment: Int { max(MemoryLayout<vfio_device_feature>.alignment, MemoryLayout<Payload>.alignment) }

  /// The feature and the operation; its argsz is replaced by ``argsz``.
  var header: DeviceFeatureHeader
  var payload: Payload

  init(_ feature: DeviceFeature, _ flags: DeviceFeatureFlags, payload: Payload) {
    header = DeviceFeatureHeader(feature: feature, flags: flags)
    header.rawValue.argsz = UInt32(Self.argsz)
    self.payload = payload
  }

  /// Lays out the argument in a suitably aligned buffer, lends it to `body`, and
  /// reads the payload back (the kernel writes its answer there).
  mutating func withUnsafeArgument<Result, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: Self.argsz, alignment: Self.alignment)
    defer { buffer.deallocate() }
    buffer.initializeMemory(as: UInt8.self, repeating: 0)
    buffer.storeBytes(of: header.rawValue, toByteOffset: 0, as: vfio_device_feature.self)
    buffer.storeBytes(of: payload, toByteOffset: Self.payloadOffset, as: Payload.self)
    let result = try body(buffer)
    payload = buffer.load(fromByteOffset: Self.payloadOffset, as: Payload.self)
    return result
  }
}

extension DeviceDescriptor {
  /// Issues `VFIO_DEVICE_FEATURE` for `feature` with `flags` and `payload`; the
  /// payload comes back as the kernel left it.
  func feature<Payload: BitwiseCopyable>(
    _ feature: DeviceFeature, _ flags: DeviceFeatureFlags, _ payload: Payload
  ) throws(Errno) -> Payload {
    var argument = FixedFeatureArgument(feature, flags, payload: payload)
    _ = try argument.withUnsafeArgument { buffer throws(Errno) in
      try ioctl(.feature, buffer.baseAddress)
    }
    return argument.payload
  }
}
