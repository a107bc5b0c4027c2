import CVFIO

/// What the IOMMU behind a device can do, as `IOMMU_GET_HW_INFO` reports it
/// (`iommu_hw_info.out_capabilities`, `enum iommufd_hw_capabilities`).
@frozen
public struct IOMMUHardwareCapabilities: OptionSet, Sendable, Hashable {
  public let rawValue: UInt64

  @inlinable
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// The IOMMU tracks dirty pages: `IOMMU_HWPT_SET_DIRTY_TRACKING` and
  /// `IOMMU_HWPT_GET_DIRTY_BITMAP` work on page tables allocated with ``HWPTAllocFlags/dirtyTracking``.
  ///
  /// The corresponding C constant is `IOMMU_HW_CAP_DIRTY_TRACKING`.
  @inlinable public static var dirtyTracking: IOMMUHardwareCapabilities {
    IOMMUHardwareCapabilities(rawValue: UInt64(CVFIO_IOMMU_HW_CAP_DIRTY_TRACKING))
  }

  /// The device's PASID capability supports execute permission.
  ///
  /// The corresponding C constant is `IOMMU_HW_CAP_PCI_PASID_EXEC`.
  @inlinable public static var pciPASIDExecute: IOMMUHardwareCapabilities {
    IOMMUHardwareCapabilities(rawValue: UInt64(CVFIO_IOMMU_HW_CAP_PCI_PASID_EXEC))
  }

  /// The device's PASID capability supports privileged mode.
  ///
  /// The corresponding C constant is `IOMMU_HW_CAP_PCI_PASID_PRIV`.
  @inlinable public static var pciPASIDPrivileged: IOMMUHardwareCapabilities {
    IOMMUHardwareCapabilities(rawValue: UInt64(CVFIO_IOMMU_HW_CAP_PCI_PASID_PRIV))
  }

  /// ATS cannot be used on this device.
  ///
  /// The corresponding C constant is `IOMMU_HW_CAP_PCI_ATS_NOT_SUPPORTED`.
  @inlinable public static var pciATSNotSupported: IOMMUHardwareCapabilities {
    IOMMUHardwareCapabilities(rawValue: UInt64(CVFIO_IOMMU_HW_CAP_PCI_ATS_NOT_SUPPORTED))
  }
}

extension IOMMUHardwareCapabilities: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<IOMMUHardwareCapabilities>] = [
    NamedConstant(.dirtyTracking, "dirtyTracking", "IOMMU_HW_CAP_DIRTY_TRACKING"),
    NamedConstant(.pciPASIDExecute, "pciPASIDExecute", "IOMMU_HW_CAP_PCI_PASID_EXEC"),
    NamedConstant(.pciPASIDPrivileged, "pciPASIDPrivileged", "IOMMU_HW_CAP_PCI_PASID_PRIV"),
    NamedConstant(.pciATSNotSupported, "pciATSNotSupported", "IOMMU_HW_CAP_PCI_ATS_NOT_SUPPORTED"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, IOMMUHardwareCapabilities.knownFlags) }
}
