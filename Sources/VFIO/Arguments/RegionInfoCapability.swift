import CVFIO

/// A capability of `VFIO_DEVICE_GET_REGION_INFO`.
public enum RegionInfoCapability: Hashable, Sendable {
  /// Only these areas of the region may be mmapped
  /// (`VFIO_REGION_INFO_CAP_SPARSE_MMAP`).
  case sparseMmap([SparseMmapArea])
  /// The device-specific type of the region (`VFIO_REGION_INFO_CAP_TYPE`).
  case type(RegionTypeCapability)
  /// The MSI-X table in this region may be mmapped
  /// (`VFIO_REGION_INFO_CAP_MSIX_MAPPABLE`).
  case msixMappable
  /// The NVLink2 GPU RAM system address (`VFIO_REGION_INFO_CAP_NVLINK2_SSATGT`).
  case nvlink2SSATarget(UInt64)
  /// The NVLink2 link speed (`VFIO_REGION_INFO_CAP_NVLINK2_LNKSPD`).
  case nvlink2LinkSpeed(UInt32)
  /// An id this package does not decode.
  case unknown(RawCapability)

  /// Decodes `raw`, checking its size against the C struct of its id.
  public init(decoding raw: RawCapability) throws(CapabilityChainError) {
    switch RegionCapabilityID(rawValue: raw.id) {
    case .sparseMMap:
      let fixed = try raw.load(vfio_region_info_cap_sparse_mmap.self)
      let areas = try raw.loadArray(
        vfio_region_sparse_mmap_area.self, count: fixed.nr_areas,
        after: vfio_region_info_cap_sparse_mmap.self)
      self = .sparseMmap(areas.map { SparseMmapArea(offset: $0.offset, size: $0.size) })
    case .type:
      let type = try raw.load(vfio_region_info_cap_type.self)
      self = .type(RegionTypeCapability(type: RegionType(rawValue: type.type), subtype: RegionSubtype(rawValue: type.subtype)))
    case .msixMappable:
      _ = try raw.load(vfio_info_cap_header.self)
      self = .msixMappable
    case .nvlink2SSATGT:
      self = .nvlink2SSATarget(try raw.load(vfio_region_info_cap_nvlink2_ssatgt.self).tgt)
    case .nvlink2LinkSpeed:
      self = .nvlink2LinkSpeed(try raw.load(vfio_region_info_cap_nvlink2_lnkspd.self).link_speed)
    default:
      self = .unknown(raw)
    }
  }
}

/// An mmappable area of a region (`struct vfio_region_sparse_mmap_area`).
public struct SparseMmapArea: Hashable, Sendable {
  /// Offset of the area within the region.
  public var offset: UInt64
  /// Length of the area in bytes.
  public var size: UInt64

  /// An area of `size` bytes at `offset` in the region.
  public init(offset: UInt64, size: UInt64) {
    self.offset = offset
    self.size = size
  }
}

/// A region's type and subtype (`struct vfio_region_info_cap_type`); the type
/// is global per bus driver, the subtype specific to the type.
public struct RegionTypeCapability: Hashable, Sendable {
  /// The region type (`type`), e.g. `VFIO_REGION_TYPE_PCI_VENDOR_TYPE | vendor`.
  public var type: RegionType
  /// The subtype (`subtype`), meaningful only with ``type``.
  public var subtype: RegionSubtype

  /// The capability with this type and subtype.
  public init(type: RegionType, subtype: RegionSubtype) {
    self.type = type
    self.subtype = subtype
  }
}
