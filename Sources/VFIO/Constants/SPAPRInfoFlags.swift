import CVFIO

/// What `VFIO_IOMMU_SPAPR_TCE_GET_INFO` reports.
@frozen
public struct SPAPRInfoFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The `ddw` field is valid: DMA windows can be created and removed.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_SPAPR_INFO_DDW`.
  @inlinable public static var dynamicDMAWindows: SPAPRInfoFlags {
    SPAPRInfoFlags(rawValue: UInt32(bitPattern: VFIO_IOMMU_SPAPR_INFO_DDW))
  }
}

extension SPAPRInfoFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<SPAPRInfoFlags>] = [
    NamedConstant(.dynamicDMAWindows, "dynamicDMAWindows", "VFIO_IOMMU_SPAPR_INFO_DDW"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, SPAPRInfoFlags.knownFlags) }
}
