import CVFIO

/// The payload of `VFIO_IOMMU_DIRTY_PAGES` with `DirtyPagesFlags.getBitmap`: an IOVA
/// range and the user buffer the kernel writes its dirty bitmap to.
///
/// Not `Sendable`: it holds the bitmap's address.
///
/// The C struct is `struct vfio_iommu_type1_dirty_bitmap_get`; ``rawValue`` reaches every field.
public struct DirtyBitmapRequest: VFIOStruct {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_type1_dirty_bitmap_get

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_type1_dirty_bitmap_get) { self.rawValue = rawValue }

  /// The given fields; any other field is zero.
  @inlinable
  public init(iova: UInt64, size: UInt64, pageSize: UInt64, bitmapSize: UInt64, bitmap: UnsafeMutablePointer<UInt64>?) {
    rawValue = vfio_iommu_type1_dirty_bitmap_get()
    self.iova = iova
    self.size = size
    self.pageSize = pageSize
    self.bitmapSize = bitmapSize
    self.bitmap = bitmap
  }

  /// The first IO virtual address of the range.
  @inlinable public var iova: UInt64 {
    get { rawValue.iova }
    set { rawValue.iova = newValue }
  }

  /// The length of the range in bytes.
  @inlinable public var size: UInt64 {
    get { rawValue.size }
    set { rawValue.size = newValue }
  }

  /// The page size one bit stands for.
  @inlinable public var pageSize: UInt64 {
    get { rawValue.bitmap.pgsize }
    set { rawValue.bitmap.pgsize = newValue }
  }

  /// The size of the bitmap buffer in bytes.
  @inlinable public var bitmapSize: UInt64 {
    get { rawValue.bitmap.size }
    set { rawValue.bitmap.size = newValue }
  }

  /// Where the kernel writes the bitmap, one bit per page from `iova`.
  @inlinable public var bitmap: UnsafeMutablePointer<UInt64>? {
    get { rawValue.bitmap.data }
    set { rawValue.bitmap.data = newValue }
  }
}
