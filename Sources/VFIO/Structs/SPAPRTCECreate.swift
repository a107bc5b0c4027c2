import CVFIO

/// The argument of `VFIO_IOMMU_SPAPR_TCE_CREATE`: create a dynamic DMA window.
///
/// The C struct is `struct vfio_iommu_spapr_tce_create`; ``rawValue`` reaches every field.
public struct SPAPRTCECreate: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_spapr_tce_create

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_spapr_tce_create) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_iommu_spapr_tce_create` and the given fields.
  @inlinable
  public init(pageShift: UInt32, windowSize: UInt64, levels: UInt32) {
    rawValue = vfio_iommu_spapr_tce_create()
    rawValue.argsz = UInt32(MemoryLayout<vfio_iommu_spapr_tce_create>.stride)
    self.pageShift = pageShift
    self.windowSize = windowSize
    self.levels = levels
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// log2 of the IOMMU page size.
  @inlinable public var pageShift: UInt32 {
    get { rawValue.page_shift }
    set { rawValue.page_shift = newValue }
  }

  /// The window size in bytes.
  @inlinable public var windowSize: UInt64 {
    get { rawValue.window_size }
    set { rawValue.window_size = newValue }
  }

  /// The TCE table levels.
  @inlinable public var levels: UInt32 {
    get { rawValue.levels }
    set { rawValue.levels = newValue }
  }

  /// The bus address of the new window, which the kernel returns.
  @inlinable public var startAddress: UInt64 { rawValue.start_addr }
}
