import CVFIO

/// The id of a capability in a region info capability chain.
@frozen
public struct RegionCapabilityID: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt16

  @inlinable
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// The areas of the region that may be mapped.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_CAP_SPARSE_MMAP`.
  @inlinable public static var sparseMMap: RegionCapabilityID {
    RegionCapabilityID(rawValue: UInt16(VFIO_REGION_INFO_CAP_SPARSE_MMAP))
  }

  /// The type and subtype of a device-specific region.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_CAP_TYPE`.
  @inlinable public static var type: RegionCapabilityID {
    RegionCapabilityID(rawValue: UInt16(VFIO_REGION_INFO_CAP_TYPE))
  }

  /// The MSI-X table may be mapped along with the rest of its BAR.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_CAP_MSIX_MAPPABLE`.
  @inlinable public static var msixMappable: RegionCapabilityID {
    RegionCapabilityID(rawValue: UInt16(VFIO_REGION_INFO_CAP_MSIX_MAPPABLE))
  }

  /// The NVLink2 system-side address translation target.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_CAP_NVLINK2_SSATGT`.
  @inlinable public static var nvlink2SSATGT: RegionCapabilityID {
    RegionCapabilityID(rawValue: UInt16(VFIO_REGION_INFO_CAP_NVLINK2_SSATGT))
  }

  /// The NVLink2 link speed.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_CAP_NVLINK2_LNKSPD`.
  @inlinable public static var nvlink2LinkSpeed: RegionCapabilityID {
    RegionCapabilityID(rawValue: UInt16(VFIO_REGION_INFO_CAP_NVLINK2_LNKSPD))
  }
}

extension RegionCapabilityID: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<RegionCapabilityID>] = [
    NamedConstant(.sparseMMap, "sparseMMap", "VFIO_REGION_INFO_CAP_SPARSE_MMAP"),
    NamedConstant(.type, "type", "VFIO_REGION_INFO_CAP_TYPE"),
    NamedConstant(.msixMappable, "msixMappable", "VFIO_REGION_INFO_CAP_MSIX_MAPPABLE"),
    NamedConstant(.nvlink2SSATGT, "nvlink2SSATGT", "VFIO_REGION_INFO_CAP_NVLINK2_SSATGT"),
    NamedConstant(.nvlink2LinkSpeed, "nvlink2LinkSpeed", "VFIO_REGION_INFO_CAP_NVLINK2_LNKSPD"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, RegionCapabilityID.knownValues) }
}
