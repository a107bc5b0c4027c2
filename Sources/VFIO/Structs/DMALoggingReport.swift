import CVFIO

/// The payload of `VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT` (get): read and clear the
/// dirty bits of an IOVA range into a user bitmap.
///
/// The C struct is `struct vfio_device_feature_dma_logging_report`; ``rawValue`` reaches every field.
public struct DMALoggingReport: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature_dma_logging_report

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature_dma_logging_report) { self.rawValue = rawValue }

  /// The given fields; any other field is zero.
  @inlinable
  public init(iova: UInt64, length: UInt64, pageSize: UInt64, bitmap: UInt64) {
    rawValue = vfio_device_feature_dma_logging_report()
    self.iova = iova
    self.length = length
    self.pageSize = pageSize
    self.bitmap = bitmap
  }

  /// The first IO virtual address of the range.
  @inlinable public var iova: UInt64 {
    get { rawValue.iova }
    set { rawValue.iova = newValue }
  }

  /// The length of the range in bytes.
  @inlinable public var length: UInt64 {
    get { rawValue.length }
    set { rawValue.length = newValue }
  }

  /// The page size one bit stands for.
  @inlinable public var pageSize: UInt64 {
    get { rawValue.page_size }
    set { rawValue.page_size = newValue }
  }

  /// The user address of the bitmap the kernel writes.
  @inlinable public var bitmap: UInt64 {
    get { rawValue.bitmap }
    set { rawValue.bitmap = newValue }
  }
}
