import CVFIO

/// Where arguments hold what a kernel writes through: the payload of `VFIO_DEVICE_FEATURE`
/// and the addresses of dirty bitmaps.
public enum ArgumentOffsets {
  /// Where `VFIO_DEVICE_FEATURE`'s payload starts.
  public static var featurePayload: Int { MemoryLayout<vfio_device_feature>.size }

  /// Where `VFIO_IOMMU_DIRTY_PAGES`' GET_BITMAP argument holds the bitmap's address.
  public static var type1Bitmap: Int {
    MemoryLayout<vfio_iommu_type1_dirty_bitmap>.size
      + MemoryLayout<vfio_iommu_type1_dirty_bitmap_get>.offset(of: \.bitmap)!
      + MemoryLayout<vfio_bitmap>.offset(of: \.data)!
  }

  /// Where `VFIO_IOMMU_UNMAP_DMA` with GET_DIRTY_BITMAP holds the bitmap's address.
  public static var unmapBitmap: Int {
    MemoryLayout<vfio_iommu_type1_dma_unmap>.size + MemoryLayout<vfio_bitmap>.offset(of: \.data)!
  }

  /// Where `DMA_LOGGING_REPORT` holds the bitmap's address.
  public static var reportBitmap: Int {
    featurePayload + MemoryLayout<vfio_device_feature_dma_logging_report>.offset(of: \.bitmap)!
  }
}
