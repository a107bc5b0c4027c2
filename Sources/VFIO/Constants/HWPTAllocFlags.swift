import CVFIO

/// The flags of `IOMMU_HWPT_ALLOC` (`iommu_hwpt_alloc.flags`, `enum iommufd_hwpt_alloc_flags`).
@frozen
public struct HWPTAllocFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The page table may serve as the parent (stage 2) of nested page tables.
  ///
  /// The corresponding C constant is `IOMMU_HWPT_ALLOC_NEST_PARENT`.
  @inlinable public static var nestParent: HWPTAllocFlags {
    HWPTAllocFlags(rawValue: UInt32(CVFIO_IOMMU_HWPT_ALLOC_NEST_PARENT))
  }

  /// The IOMMU tracks the pages devices write through this page table; an IOMMU that cannot
  /// refuses the allocation with `EOPNOTSUPP`.
  ///
  /// The corresponding C constant is `IOMMU_HWPT_ALLOC_DIRTY_TRACKING`.
  @inlinable public static var dirtyTracking: HWPTAllocFlags {
    HWPTAllocFlags(rawValue: UInt32(CVFIO_IOMMU_HWPT_ALLOC_DIRTY_TRACKING))
  }

  /// `fault_id` names a fault queue for this page table.
  ///
  /// The corresponding C constant is `IOMMU_HWPT_FAULT_ID_VALID`.
  @inlinable public static var faultIDValid: HWPTAllocFlags {
    HWPTAllocFlags(rawValue: UInt32(CVFIO_IOMMU_HWPT_FAULT_ID_VALID))
  }

  /// The page table may be attached to a PASID of the device.
  ///
  /// The corresponding C constant is `IOMMU_HWPT_ALLOC_PASID`.
  @inlinable public static var pasid: HWPTAllocFlags {
    HWPTAllocFlags(rawValue: UInt32(CVFIO_IOMMU_HWPT_ALLOC_PASID))
  }
}

extension HWPTAllocFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<HWPTAllocFlags>] = [
    NamedConstant(.nestParent, "nestParent", "IOMMU_HWPT_ALLOC_NEST_PARENT"),
    NamedConstant(.dirtyTracking, "dirtyTracking", "IOMMU_HWPT_ALLOC_DIRTY_TRACKING"),
    NamedConstant(.faultIDValid, "faultIDValid", "IOMMU_HWPT_FAULT_ID_VALID"),
    NamedConstant(.pasid, "pasid", "IOMMU_HWPT_ALLOC_PASID"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, HWPTAllocFlags.knownFlags) }
}
