import CVFIO

/// The payload of `VFIO_DEVICE_FEATURE_DMA_LOGGING_START` (set): the page size and the
/// IOVA ranges the device tracks writes to.
///
/// `ranges` is the user address of an array of `rangeCount`
/// `struct vfio_device_feature_dma_logging_range` (``DMALoggingRange`` has the
/// same layout).
///
/// The C struct is `struct vfio_device_feature_dma_logging_control`; ``rawValue`` reaches every field.
public struct DMALoggingControl: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature_dma_logging_control

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature_dma_logging_control) { self.rawValue = rawValue }

  /// The given fields; any other field is zero.
  @inlinable
  public init(pageSize: UInt64, rangeCount: UInt32, ranges: UInt64) {
    rawValue = vfio_device_feature_dma_logging_control()
    self.pageSize = pageSize
    self.rangeCount = rangeCount
    self.ranges = ranges
  }

  /// The tracking granularity in bytes; the kernel may round it and writes back its choice.
  @inlinable public var pageSize: UInt64 {
    get { rawValue.page_size }
    set { rawValue.page_size = newValue }
  }

  /// How many ranges `ranges` points at.
  @inlinable public var rangeCount: UInt32 {
    get { rawValue.num_ranges }
    set { rawValue.num_ranges = newValue }
  }

  /// The user address of the range array.
  @inlinable public var ranges: UInt64 {
    get { rawValue.ranges }
    set { rawValue.ranges = newValue }
  }
}
