import CVFIO
import SystemPackage

extension VFIODevice {
  /// `VFIO_DEVICE_FEATURE` with `PROBE`: succeeds when the device supports `feature`
  /// for `access` (`.get`, `.set` or both); ENOTTY when it does not.
  public func probeFeature(_ feature: DeviceFeature, for access: DeviceFeatureFlags = .get) throws(VFIOError) {
    var payload: [UInt8] = []
    _ = try self.feature(feature, flags: access.union(.probe), payload: &payload)
  }

  /// `VFIO_DEVICE_FEATURE` with `GET`: fills `payload` (sized for the feature's struct).
  /// Returns the ioctl's result.
  @discardableResult
  public func getFeature(_ feature: DeviceFeature, payload: inout [UInt8]) throws(VFIOError) -> CInt {
    try self.feature(feature, flags: .get, payload: &payload)
  }

  /// `VFIO_DEVICE_FEATURE` with `SET`. Returns the ioctl's result (a new fd for some features).
  @discardableResult
  public func setFeature(_ feature: DeviceFeature, payload: [UInt8]) throws(VFIOError) -> CInt {
    var payload = payload
    return try self.feature(feature, flags: .set, payload: &payload)
  }

  private func feature(_ feature: DeviceFeature, flags: DeviceFeatureFlags, payload: inout [UInt8]) throws(VFIOError) -> CInt {
    let headerSize = MemoryLayout<vfio_device_feature>.size
    var header = vfio_device_feature()
    header.argsz = try u32(headerSize + payload.count, DeviceIoctl.feature.name, on: target)
    header.flags = flags.subtracting(.featureMask).rawValue | (feature.rawValue & DeviceFeatureFlags.featureMask.rawValue)
    return try withArgumentBuffer(byteCount: headerSize + payload.count) { (buffer) throws(VFIOError) -> CInt in
      withUnsafeBytes(of: header) { buffer.copyMemory(from: $0) }
      payload.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[headerSize...]).copyMemory(from: $0) }
      let result = try descriptor.callRaw(.feature, buffer.baseAddress, on: "\(target), feature \(feature)")
      payload = Array(buffer[headerSize...])
      return result
    }
  }
}
