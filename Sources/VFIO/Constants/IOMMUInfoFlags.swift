import CVFIO

/// What `VFIO_IOMMU_GET_INFO` reports for a type1 IOMMU.
@frozen
public struct IOMMUInfoFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// `iova_pgsizes` is valid.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_INFO_PGSIZES`.
  @inlinable public static var pageSizes: IOMMUInfoFlags {
    IOMMUInfoFlags(rawValue: UInt32(bitPattern: VFIO_IOMMU_INFO_PGSIZES))
  }

  /// `cap_offset` points at a capability chain.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_INFO_CAPS`.
  @inlinable public static var capabilities: IOMMUInfoFlags {
    IOMMUInfoFlags(rawValue: UInt32(bitPattern: VFIO_IOMMU_INFO_CAPS))
  }
}

extension IOMMUInfoFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<IOMMUInfoFlags>] = [
    NamedConstant(.pageSizes, "pageSizes", "VFIO_IOMMU_INFO_PGSIZES"),
    NamedConstant(.capabilities, "capabilities", "VFIO_IOMMU_INFO_CAPS"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, IOMMUInfoFlags.knownFlags) }
}
