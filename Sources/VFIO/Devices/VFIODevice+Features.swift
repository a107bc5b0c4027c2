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

extension VFIODevice {
  /// Starts the device's DMA write logging over `ranges` (`VFIO_DEVICE_FEATURE_DMA_LOGGING_START`);
  /// returns the page size the device chose.
  public func startDMALogging(ranges: [DMALoggingRange], pageSize: UInt64) throws(VFIOError) -> UInt64 {
    do { return try descriptor.startDMALogging(ranges: ranges, pageSize: pageSize) } catch {
      let operation = "VFIO_DEVICE_FEATURE(\(DeviceFeature.dmaLoggingStart))"
      if case .system(let errno) = error { throw VFIOError(operation: operation, target: target, errno: errno) }
      throw VFIOError(operation: operation, target: target, reason: .dirtyPages(error))
    }
  }

  /// Stops the device's DMA logging.
  public func stopDMALogging() throws(VFIOError) {
    do { try descriptor.stopDMALogging() } catch {
      throw VFIOError(operation: "VFIO_DEVICE_FEATURE(\(DeviceFeature.dmaLoggingStop))", target: target, errno: error)
    }
  }

  /// Adds the pages the device wrote in `bitmap`'s range since the last report to `bitmap`.
  public func reportDMALogging(into bitmap: inout DirtyBitmap) throws(VFIOError) {
    do { try descriptor.reportDMALogging(into: &bitmap) } catch {
      throw VFIOError(operation: "VFIO_DEVICE_FEATURE(\(DeviceFeature.dmaLoggingReport))", target: target, errno: error)
    }
  }
}
