import CVFIO

/// The id of a capability in a type1 IOMMU info capability chain.
@frozen
public struct IOMMUCapabilityID: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt16

  @inlinable
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// The usable IOVA ranges.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE`.
  @inlinable public static var iovaRange: IOMMUCapabilityID {
    IOMMUCapabilityID(rawValue: UInt16(VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE))
  }

  /// Dirty page tracking support and limits.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION`.
  @inlinable public static var migration: IOMMUCapabilityID {
    IOMMUCapabilityID(rawValue: UInt16(VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION))
  }

  /// How many more DMA mappings the container accepts.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL`.
  @inlinable public static var dmaAvailable: IOMMUCapabilityID {
    IOMMUCapabilityID(rawValue: UInt16(VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL))
  }
}

extension IOMMUCapabilityID: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<IOMMUCapabilityID>] = [
    NamedConstant(.iovaRange, "iovaRange", "VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE"),
    NamedConstant(.migration, "migration", "VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION"),
    NamedConstant(.dmaAvailable, "dmaAvailable", "VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, IOMMUCapabilityID.knownValues) }
}
