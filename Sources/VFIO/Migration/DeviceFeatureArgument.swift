import CVFIO
import SystemPackage

/// The argument of `VFIO_DEVICE_FEATURE`: `struct vfio_device_feature` (argsz,
/// flags) followed by the feature's payload in its flexible `data[]` member.
///
/// argsz counts the header and the payload; the kernel rejects a smaller one
/// with EINVAL before it looks at the payload.
struct DeviceFeatureArgument<Payload: BitwiseCopyable> {
  /// Where `data[]` starts: the header's size (C's `offsetof(data)`, pinned by a test).
  static var payloadOffset: Int { MemoryLayout<vfio_device_feature>.size }

  /// Header plus payload.
  static var argsz: Int { payloadOffset + MemoryLayout<Payload>.size }

  /// The buffer's alignment: the payloads hold `__aligned_u64` fields, which the
  /// kernel reads at `data`; the header's size keeps them aligned.
  static var alignment: Int { max(MemoryLayout<vfio_device_feature>.alignment, MemoryLayout<Payload>.alignment) }

  /// `VFIO_DEVICE_FEATURE_GET`, `_SET` or `_PROBE` with the feature index.
  var flags: UInt32
  var payload: Payload

  /// Lays out the argument in a suitably aligned buffer, lends it to `body`, and
  /// reads the payload back (the kernel writes its answer there).
  mutating func withUnsafeArgument<Result, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: Self.argsz, alignment: Self.alignment)
    defer { buffer.deallocate() }
    buffer.initializeMemory(as: UInt8.self, repeating: 0)
    // The flexible array member takes the memberwise initializer with it.
    var header = vfio_device_feature()
    header.argsz = UInt32(Self.argsz)
    header.flags = flags
    buffer.storeBytes(of: header, toByteOffset: 0, as: vfio_device_feature.self)
    buffer.storeBytes(of: payload, toByteOffset: Self.payloadOffset, as: Payload.self)
    let result = try body(buffer)
    payload = buffer.load(fromByteOffset: Self.payloadOffset, as: Payload.self)
    return result
  }
}

extension DeviceDescriptor {
  /// Issues `VFIO_DEVICE_FEATURE` with `flags` and `payload`; the payload comes back
  /// as the kernel left it.
  func feature<Payload: BitwiseCopyable>(
    _ flags: UInt32, _ payload: Payload
  ) throws(Errno) -> Payload {
    var argument = DeviceFeatureArgument(flags: flags, payload: payload)
    _ = try argument.withUnsafeArgument { buffer throws(Errno) in
      try ioctl(.feature, buffer.baseAddress)
    }
    return argument.payload
  }
}

/// `VFIO_DEVICE_FEATURE_GET | feature`.
func featureGet(_ feature: UInt32) -> UInt32 { UInt32(bitPattern: VFIO_DEVICE_FEATURE_GET) | feature }

/// `VFIO_DEVICE_FEATURE_SET | feature`.
func featureSet(_ feature: UInt32) -> UInt32 { UInt32(bitPattern: VFIO_DEVICE_FEATURE_SET) | feature }
