import CVFIO

/// A capability of `VFIO_IOMMU_GET_INFO` on a type1 IOMMU.
public enum IOMMUInfoCapability: Hashable, Sendable {
  /// The IOVA ranges DMA may be mapped in (`VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE`).
  case iovaRanges([IOVARange])
  /// Dirty page tracking support (`VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION`).
  case migration(IOMMUMigrationInfo)
  /// How many more DMA mappings are allowed (`VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL`).
  case dmaAvailable(UInt32)
  /// An id this package does not decode.
  case unknown(RawCapability)

  /// Decodes `raw`, checking its size against the C struct of its id.
  public init(decoding raw: RawCapability) throws(CapabilityChainError) {
    switch IOMMUCapabilityID(rawValue: raw.id) {
    case .iovaRange:
      let fixed = try raw.load(vfio_iommu_type1_info_cap_iova_range.self)
      let ranges = try raw.loadArray(
        vfio_iova_range.self, count: fixed.nr_iovas,
        after: vfio_iommu_type1_info_cap_iova_range.self)
      self = .iovaRanges(ranges.map { IOVARange(start: $0.start, end: $0.end) })
    case .migration:
      let c = try raw.load(vfio_iommu_type1_info_cap_migration.self)
      self = .migration(
        IOMMUMigrationInfo(
          flags: c.flags, pageSizes: c.pgsize_bitmap, maximumDirtyBitmapSize: c.max_dirty_bitmap_size))
    case .dmaAvailable:
      self = .dmaAvailable(try raw.load(vfio_iommu_type1_info_dma_avail.self).avail)
    default:
      self = .unknown(raw)
    }
  }
}

/// A range of IO virtual addresses, both ends inclusive (`struct vfio_iova_range`).
///
/// Not a `ClosedRange`: the kernel's values are not trusted to be ordered.
public struct IOVARange: Hashable, Sendable {
  /// The first address in the range.
  public var start: UInt64
  /// The last address in the range.
  public var end: UInt64

  /// A range from `start` to `end`, both inclusive; not checked for order.
  public init(start: UInt64, end: UInt64) {
    self.start = start
    self.end = end
  }
}

/// What a type1 IOMMU supports for dirty page tracking
/// (`struct vfio_iommu_type1_info_cap_migration`).
public struct IOMMUMigrationInfo: Hashable, Sendable {
  /// `flags` of the capability; version 1 defines none.
  public var flags: UInt32
  /// A bit per supported dirty-tracking page size.
  public var pageSizes: UInt64
  /// The largest dirty bitmap, in bytes, one request may ask for.
  public var maximumDirtyBitmapSize: UInt64

  /// The capability with these fields, as the kernel reports them.
  public init(flags: UInt32, pageSizes: UInt64, maximumDirtyBitmapSize: UInt64) {
    self.flags = flags
    self.pageSizes = pageSizes
    self.maximumDirtyBitmapSize = maximumDirtyBitmapSize
  }
}
