import CVFIO
import SystemPackage

/// A `VFIO_DEVICE_FEATURE` argument whose payload is one fixed-size C struct:
/// `struct vfio_device_feature` (argsz, flags) followed by the payload in its
/// flexible `data[]` member, laid out by the package's one variable-length
/// buffer, ``VariableLengthArgument``.
///
/// argsz counts the header and the payload; the kernel rejects a smaller one
/// with EINVAL before it looks at the payload.
struct FixedFeatureArgument<Payload: BitwiseCopyable> {
  /// Where `data[]` starts: the header's size (C's `offsetof(data)`, pinned by a test).
  static var payloadOffset: Int { DeviceFeatureRequest.payloadOffset }

  /// Header plus payload.
  static var argsz: Int { payloadOffset + MemoryLayout<Payload>.size }

  /// The feature and the operation; its argsz is ``argsz``.
  var header: DeviceFeatureHeader
  var payload: Payload

  init(_ feature: DeviceFeature, _ flags: DeviceFeatureFlags, payload: Payload) {
    header = DeviceFeatureHeader(feature: feature, flags: flags)
    header.rawValue.argsz = UInt32(Self.argsz)
    self.payload = payload
  }

  /// Lays out the argument, lends it to `body`, and reads the payload back (the
  /// kernel writes its answer there).
  mutating func withUnsafeArgument<Result, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    var request = DeviceFeatureRequest(header.rawValue, totalSize: Self.argsz)
    request.withUnsafeMutablePayload { $0.storeBytes(of: payload, as: Payload.self) }
    let result = try request.withUnsafeMutableBytes(body)
    payload = request.withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: Self.payloadOffset, as: Payload.self)
    }
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
      try unsafeRawIoctl(.feature, buffer.baseAddress)
    }
    return argument.payload
  }
}
