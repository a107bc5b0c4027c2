import CVFIO

/// The fixed part of `VFIO_IOMMU_UNMAP_DMA`: unmap an IO virtual address range.
///
/// With `DMAUnmapFlags.getDirtyBitmap` a `struct vfio_bitmap` follows in the C
/// struct's flexible `data[]`, which this wrapper leaves out.
///
/// The C struct is `struct vfio_iommu_type1_dma_unmap`; ``rawValue`` reaches every field.
public struct DMAUnmap: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_type1_dma_unmap

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_type1_dma_unmap) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_iommu_type1_dma_unmap` and the given fields.
  @inlinable
  public init(flags: DMAUnmapFlags, iova: UInt64, size: UInt64) {
    rawValue = vfio_iommu_type1_dma_unmap()
    rawValue.argsz = UInt32(MemoryLayout<vfio_iommu_type1_dma_unmap>.stride)
    self.flags = flags
    self.iova = iova
    self.size = size
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// What to do besides unmapping.
  @inlinable public var flags: DMAUnmapFlags {
    get { DMAUnmapFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }

  /// The first IO virtual address.
  @inlinable public var iova: UInt64 {
    get { rawValue.iova }
    set { rawValue.iova = newValue }
  }

  /// The length in bytes; the kernel writes back how much it unmapped.
  @inlinable public var size: UInt64 {
    get { rawValue.size }
    set { rawValue.size = newValue }
  }
}
