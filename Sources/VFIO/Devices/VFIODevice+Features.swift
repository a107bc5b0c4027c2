import CVFIO
import SystemPackage

extension VFIODevice {
  /// `VFIO_DEVICE_FEATURE` with `PROBE`: succeeds when the device supports `feature`
  /// (a `VFIO_DEVICE_FEATURE_*` number) for the access asked for; ENOTTY when it does not.
  public func probeFeature(_ feature: UInt32, get: Bool = true, set: Bool = false) throws(VFIOError) {
    var flags = UInt32(VFIO_DEVICE_FEATURE_PROBE)
    if get { flags |= UInt32(VFIO_DEVICE_FEATURE_GET) }
    if set { flags |= UInt32(VFIO_DEVICE_FEATURE_SET) }
    var payload: [UInt8] = []
    _ = try self.feature(feature, flags: flags, payload: &payload)
  }

  /// `VFIO_DEVICE_FEATURE` with `GET`: fills `payload` (sized for the feature's struct).
  /// Returns the ioctl's result.
  @discardableResult
  public func getFeature(_ feature: UInt32, payload: inout [UInt8]) throws(VFIOError) -> CInt {
    try self.feature(feature, flags: UInt32(VFIO_DEVICE_FEATURE_GET), payload: &payload)
  }

  /// `VFIO_DEVICE_FEATURE` with `SET`. Returns the ioctl's result (a new fd for some features).
  @discardableResult
  public func setFeature(_ feature: UInt32, payload: [UInt8]) throws(VFIOError) -> CInt {
    var payload = payload
    return try self.feature(feature, flags: UInt32(VFIO_DEVICE_FEATURE_SET), payload: &payload)
  }

  private func feature(_ feature: UInt32, flags: UInt32, payload: inout [UInt8]) throws(VFIOError) -> CInt {
    let headerSize = MemoryLayout<vfio_device_feature>.size
    var header = vfio_device_feature()
    header.argsz = UInt32(headerSize + payload.count)
    header.flags = flags | (feature & UInt32(VFIO_DEVICE_FEATURE_MASK))
    return try withArgumentBuffer(byteCount: headerSize + payload.count) { (buffer) throws(VFIOError) -> CInt in
      withUnsafeBytes(of: header) { buffer.copyMemory(from: $0) }
      payload.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[headerSize...]).copyMemory(from: $0) }
      let result = try descriptor.call(.feature, buffer.baseAddress, on: "\(target), feature \(feature)")
      payload = Array(buffer[headerSize...])
      return result
    }
  }
}
