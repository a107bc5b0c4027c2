import CVFIO

/// The argument of `VFIO_IOMMU_SPAPR_TCE_REMOVE`: remove a dynamic DMA window.
///
/// The C struct is `struct vfio_iommu_spapr_tce_remove`; ``rawValue`` reaches every field.
public struct SPAPRTCERemove: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_spapr_tce_remove

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_spapr_tce_remove) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_iommu_spapr_tce_remove` and the given fields.
  @inlinable
  public init(startAddress: UInt64) {
    rawValue = vfio_iommu_spapr_tce_remove()
    rawValue.argsz = UInt32(MemoryLayout<vfio_iommu_spapr_tce_remove>.stride)
    self.startAddress = startAddress
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The bus address of the window.
  @inlinable public var startAddress: UInt64 {
    get { rawValue.start_addr }
    set { rawValue.start_addr = newValue }
  }
}
