import CVFIO
import SystemPackage

/// The `VFIO_IOMMU_DIRTY_PAGES` argument: `vfio_iommu_type1_dirty_bitmap` and its `data[]`.
public typealias Type1DirtyPagesArgument = VariableLengthArgument<vfio_iommu_type1_dirty_bitmap>

/// The `VFIO_IOMMU_UNMAP_DMA` argument: `vfio_iommu_type1_dma_unmap` and its `data[]`.
public typealias Type1UnmapArgument = VariableLengthArgument<vfio_iommu_type1_dma_unmap>

extension VariableLengthArgument where Header == vfio_iommu_type1_dirty_bitmap {
  /// Starts dirty page logging on the container (`VFIO_IOMMU_DIRTY_PAGES_FLAG_START`).
  public static var startDirtyTracking: Self {
    Self(DirtyPagesHeader(flags: .start).rawValue)
  }

  /// Stops dirty page logging on the container (`VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP`).
  public static var stopDirtyTracking: Self {
    Self(DirtyPagesHeader(flags: .stop).rawValue)
  }
}

extension vfio_bitmap {
  /// Describes `words` (at most `Int.max` bytes: they are in memory) for pages of `pageSize`.
  init(pageSize: UInt64, words: UnsafeMutableBufferPointer<UInt64>) {
    self.init(
      pgsize: pageSize, size: UInt64(words.count * MemoryLayout<UInt64>.size), data: words.baseAddress)
  }
}

extension DirtyBitmap {
  /// Builds `VFIO_IOMMU_DIRTY_PAGES` with `VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP`
  /// for this bitmap's range and page size, and passes it to `body` while the
  /// bitmap's words, which the kernel writes, stay valid.
  ///
  /// `argsz` covers `vfio_iommu_type1_dirty_bitmap_get` but not the bitmap, as
  /// the header asks.
  public mutating func withType1GetBitmapArgument<Result, Failure: Error>(
    _ body: (inout Type1DirtyPagesArgument) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let (iova, length, pageSize) = (baseIOVA, self.length, self.pageSize)
    return try withUnsafeMutableWords { (words) throws(Failure) -> Result in
      var argument = Type1DirtyPagesArgument(
        DirtyPagesHeader(flags: .getBitmap).rawValue,
        totalSize: MemoryLayout<vfio_iommu_type1_dirty_bitmap>.size
          + MemoryLayout<vfio_iommu_type1_dirty_bitmap_get>.size)
      argument.withUnsafeMutablePayload { payload in
        payload.storeBytes(
          of: vfio_iommu_type1_dirty_bitmap_get(
            iova: iova, size: length, bitmap: vfio_bitmap(pageSize: pageSize, words: words)),
          as: vfio_iommu_type1_dirty_bitmap_get.self)
      }
      return try body(&argument)
    }
  }

  /// Builds `VFIO_IOMMU_UNMAP_DMA` of this bitmap's range with
  /// `VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP`, the `vfio_bitmap` in `data[]`,
  /// and passes it to `body` while the bitmap's words stay valid.
  public mutating func withType1UnmapArgument<Result, Failure: Error>(
    _ body: (inout Type1UnmapArgument) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let (iova, length, pageSize) = (baseIOVA, self.length, self.pageSize)
    return try withUnsafeMutableWords { (words) throws(Failure) -> Result in
      var header = vfio_iommu_type1_dma_unmap()
      header.flags = DMAUnmapFlags.getDirtyBitmap.rawValue
      header.iova = iova
      header.size = length
      var argument = Type1UnmapArgument(
        header,
        totalSize: MemoryLayout<vfio_iommu_type1_dma_unmap>.size + MemoryLayout<vfio_bitmap>.size)
      argument.withUnsafeMutablePayload { payload in
        payload.storeBytes(of: vfio_bitmap(pageSize: pageSize, words: words), as: vfio_bitmap.self)
      }
      return try body(&argument)
    }
  }
}

extension VFIODescriptor where Request == ContainerIoctl {
  /// Starts logging the pages devices dirty through the type1 IOMMU.
  public func startDirtyPageTracking() throws(Errno) {
    var argument = Type1DirtyPagesArgument.startDirtyTracking
    try ioctl(.iommuDirtyPages, &argument)
  }

  /// Stops logging dirty pages.
  public func stopDirtyPageTracking() throws(Errno) {
    var argument = Type1DirtyPagesArgument.stopDirtyTracking
    try ioctl(.iommuDirtyPages, &argument)
  }

  /// Adds the pages dirtied in `bitmap`'s range since the last call to `bitmap`.
  public func readDirtyPages(into bitmap: inout DirtyBitmap) throws(Errno) {
    try bitmap.withType1GetBitmapArgument { (argument) throws(Errno) in
      _ = try ioctl(.iommuDirtyPages, &argument)
    }
  }

  /// Unmaps `bitmap`'s range, adding the pages dirtied in it to `bitmap`;
  /// returns the size the kernel unmapped.
  public func unmapDMA(collectingDirtyPagesInto bitmap: inout DirtyBitmap) throws(Errno) -> UInt64 {
    try bitmap.withType1UnmapArgument { (argument) throws(Errno) -> UInt64 in
      _ = try ioctl(.iommuUnmapDMA, &argument)
      return argument.header.size
    }
  }
}
