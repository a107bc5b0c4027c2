import CVFIO

/// The fixed part of a type1 `VFIO_IOMMU_DIRTY_PAGES` request.
///
/// For `DirtyPagesFlags.getBitmap` a `struct vfio_iommu_type1_dirty_bitmap_get`
/// (``DirtyBitmapRequest``) follows in the C struct's flexible `data[]`, which
/// this wrapper leaves out.
///
/// The C struct is `struct vfio_iommu_type1_dirty_bitmap`; ``rawValue`` reaches every field.
public struct DirtyPagesHeader: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_type1_dirty_bitmap

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_type1_dirty_bitmap) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_iommu_type1_dirty_bitmap` and the given fields.
  @inlinable
  public init(flags: DirtyPagesFlags) {
    rawValue = vfio_iommu_type1_dirty_bitmap()
    rawValue.argsz = UInt32(MemoryLayout<vfio_iommu_type1_dirty_bitmap>.stride)
    self.flags = flags
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// Start, stop or get the bitmap.
  @inlinable public var flags: DirtyPagesFlags {
    get { DirtyPagesFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }
}
