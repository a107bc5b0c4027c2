import CVFIO
import SystemPackage

/// The `VFIO_DEVICE_FEATURE` argument: `vfio_device_feature` and its `data[]`.
public typealias DeviceFeatureRequest = VariableLengthArgument<vfio_device_feature>

extension VariableLengthArgument where Header == vfio_device_feature {
  /// A feature request with room for `payloadSize` bytes of feature data.
  static func feature(_ feature: DeviceFeature, _ access: DeviceFeatureFlags, payloadSize: Int) -> Self {
    Self(
      DeviceFeatureHeader(feature: feature, flags: access).rawValue, totalSize: MemoryLayout<vfio_device_feature>.size + payloadSize)
  }

  /// Stops the device's DMA logging (`VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP`).
  public static var stopDMALogging: Self {
    feature(.dmaLoggingStop, .set, payloadSize: 0)
  }

  /// Builds `VFIO_DEVICE_FEATURE_DMA_LOGGING_START` for `ranges` at `pageSize`
  /// and passes it to `body` while the range array it points to stays valid.
  /// After the ioctl, the payload's `page_size` is the one the device chose.
  public static func withStartDMALogging<Result>(
    ranges: [DMALoggingRange], pageSize: UInt64,
    _ body: (inout Self) throws(DirtyPageError) -> Result
  ) throws(DirtyPageError) -> Result {
    guard pageSize != 0, pageSize & (pageSize - 1) == 0 else { throw .pageSizeNotPowerOfTwo(pageSize) }
    guard !ranges.isEmpty else { throw .noRanges }
    guard let count = UInt32(exactly: ranges.count) else { throw .tooManyRanges(ranges.count) }
    for range in ranges {
      guard range.length != 0 else { throw .emptyRange }
      guard range.length - 1 <= UInt64.max - range.iova else {
        throw .rangeOverflows(iova: range.iova, length: range.length)
      }
    }
    let cRanges = ranges.map(\.rawValue)
    return try cRanges.withUnsafeBufferPointer { rangeBuffer in
      var argument = feature(
        .dmaLoggingStart, .set,
        payloadSize: MemoryLayout<vfio_device_feature_dma_logging_control>.size)
      argument.withUnsafeMutablePayload { payload in
        var control = vfio_device_feature_dma_logging_control()
        control.page_size = pageSize
        control.num_ranges = count
        control.ranges = UInt64(UInt(bitPattern: rangeBuffer.baseAddress))
        payload.storeBytes(of: control, as: vfio_device_feature_dma_logging_control.self)
      }
      return Swift.Result { () throws(DirtyPageError) -> Result in try body(&argument) }
    }.get()
  }

  /// The DMA logging control payload, after the kernel filled it in.
  public var dmaLoggingControl: vfio_device_feature_dma_logging_control? {
    guard payloadSize >= MemoryLayout<vfio_device_feature_dma_logging_control>.size else { return nil }
    return withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: Self.payloadOffset, as: vfio_device_feature_dma_logging_control.self)
    }
  }
}

extension DirtyBitmap {
  /// Builds `VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT` for this bitmap's range
  /// and page size and passes it to `body` while the bitmap's words stay valid.
  /// The kernel only sets bits, so the report adds to what the bitmap holds.
  public mutating func withDMALoggingReportArgument<Result, Failure: Error>(
    _ body: (inout DeviceFeatureRequest) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let (iova, length, pageSize) = (baseIOVA, self.length, self.pageSize)
    return try withUnsafeMutableWords { (words) throws(Failure) -> Result in
      var argument = DeviceFeatureRequest.feature(
        .dmaLoggingReport, .get,
        payloadSize: MemoryLayout<vfio_device_feature_dma_logging_report>.size)
      argument.withUnsafeMutablePayload { payload in
        payload.storeBytes(
          of: vfio_device_feature_dma_logging_report(
            iova: iova, length: length, page_size: pageSize,
            bitmap: UInt64(UInt(bitPattern: words.baseAddress))),
          as: vfio_device_feature_dma_logging_report.self)
      }
      return try body(&argument)
    }
  }
}

extension VFIODescriptor where Request == DeviceIoctl {
  /// Starts the device's DMA write logging over `ranges`, asking for
  /// `pageSize` granularity; returns the page size the device chose (one that is not a
  /// power of two is ``DirtyPageError/pageSizeNotPowerOfTwo(_:)``).
  public func startDMALogging(ranges: [DMALoggingRange], pageSize: UInt64) throws(DirtyPageError) -> UInt64 {
    try DeviceFeatureRequest.withStartDMALogging(ranges: ranges, pageSize: pageSize) {
      (argument) throws(DirtyPageError) -> UInt64 in
      do throws(Errno) {
        try ioctl(.feature, &argument)
      } catch {
        throw .system(error)
      }
      let chosen = argument.dmaLoggingControl?.page_size ?? pageSize
      guard chosen != 0, chosen & (chosen - 1) == 0 else { throw .pageSizeNotPowerOfTwo(chosen) }
      return chosen
    }
  }

  /// Stops the device's DMA logging.
  public func stopDMALogging() throws(Errno) {
    var argument = DeviceFeatureRequest.stopDMALogging
    try ioctl(.feature, &argument)
  }

  /// Adds the pages the device wrote in `bitmap`'s range since the last
  /// report to `bitmap`, and clears them in the device's log.
  public func reportDMALogging(into bitmap: inout DirtyBitmap) throws(Errno) {
    try bitmap.withDMALoggingReportArgument { (argument) throws(Errno) in
      _ = try ioctl(.feature, &argument)
    }
  }
}
