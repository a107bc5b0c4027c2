import CVFIO

/// The argument of `VFIO_IOMMU_MAP_DMA`: map process memory at an IO virtual address.
///
/// The C struct is `struct vfio_iommu_type1_dma_map`; ``rawValue`` reaches every field.
public struct DMAMap: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_type1_dma_map

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_type1_dma_map) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_iommu_type1_dma_map` and the given fields.
  @inlinable
  public init(flags: DMAMapFlags, vaddr: UInt64, iova: UInt64, size: UInt64) {
    rawValue = vfio_iommu_type1_dma_map()
    rawValue.argsz = UInt32(MemoryLayout<vfio_iommu_type1_dma_map>.stride)
    self.flags = flags
    self.vaddr = vaddr
    self.iova = iova
    self.size = size
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// How the device may access the memory.
  @inlinable public var flags: DMAMapFlags {
    get { DMAMapFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }

  /// The process address of the memory.
  @inlinable public var vaddr: UInt64 {
    get { rawValue.vaddr }
    set { rawValue.vaddr = newValue }
  }

  /// The IO virtual address the device sees.
  @inlinable public var iova: UInt64 {
    get { rawValue.iova }
    set { rawValue.iova = newValue }
  }

  /// The length in bytes, a multiple of the IOMMU page size.
  @inlinable public var size: UInt64 {
    get { rawValue.size }
    set { rawValue.size = newValue }
  }
}
