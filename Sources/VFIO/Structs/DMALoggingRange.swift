import CVFIO

/// One IOVA range of a ``DMALoggingControl``.
///
/// The C struct is `struct vfio_device_feature_dma_logging_range`; ``rawValue`` reaches every field.
public struct DMALoggingRange: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature_dma_logging_range

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature_dma_logging_range) { self.rawValue = rawValue }

  /// The given fields; any other field is zero.
  @inlinable
  public init(iova: UInt64, length: UInt64) {
    rawValue = vfio_device_feature_dma_logging_range()
    self.iova = iova
    self.length = length
  }

  /// The first IO virtual address.
  @inlinable public var iova: UInt64 {
    get { rawValue.iova }
    set { rawValue.iova = newValue }
  }

  /// The length in bytes.
  @inlinable public var length: UInt64 {
    get { rawValue.length }
    set { rawValue.length = newValue }
  }
}
