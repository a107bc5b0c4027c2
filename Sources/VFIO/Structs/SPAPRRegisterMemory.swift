import CVFIO

/// The argument of `VFIO_IOMMU_SPAPR_REGISTER_MEMORY` and `_UNREGISTER_MEMORY`:
/// pin or unpin process memory for DMA.
///
/// The C struct is `struct vfio_iommu_spapr_register_memory`; ``rawValue`` reaches every field.
public struct SPAPRRegisterMemory: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_spapr_register_memory

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_spapr_register_memory) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_iommu_spapr_register_memory` and the given fields.
  @inlinable
  public init(vaddr: UInt64, size: UInt64) {
    rawValue = vfio_iommu_spapr_register_memory()
    rawValue.argsz = UInt32(MemoryLayout<vfio_iommu_spapr_register_memory>.stride)
    self.vaddr = vaddr
    self.size = size
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The process address of the memory.
  @inlinable public var vaddr: UInt64 {
    get { rawValue.vaddr }
    set { rawValue.vaddr = newValue }
  }

  /// The length in bytes.
  @inlinable public var size: UInt64 {
    get { rawValue.size }
    set { rawValue.size = newValue }
  }
}
