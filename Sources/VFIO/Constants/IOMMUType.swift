import CVFIO

/// An IOMMU model a container can be set to (`VFIO_SET_IOMMU`).
///
/// Kept apart from ``ContainerCapability``: both are `VFIO_CHECK_EXTENSION`
/// numbers, but only these are IOMMU types, and `VFIO_SET_IOMMU` with a
/// capability number fails at run time.
@frozen
public struct IOMMUType: RawRepresentable, Sendable, Hashable, VFIOIoctlValue, CustomStringConvertible {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The corresponding C constant is `VFIO_TYPE1_IOMMU`.
  @inlinable public static var type1: IOMMUType { IOMMUType(rawValue: VFIOExtension.type1IOMMU.rawValue) }
  /// Type1 with v2 semantics (unmaps cover whole mappings). The corresponding C constant is `VFIO_TYPE1v2_IOMMU`.
  @inlinable public static var type1v2: IOMMUType { IOMMUType(rawValue: VFIOExtension.type1v2IOMMU.rawValue) }
  /// Nested type1; refused since Linux 6.13. The corresponding C constant is `VFIO_TYPE1_NESTING_IOMMU`.
  @inlinable public static var type1Nesting: IOMMUType {
    IOMMUType(rawValue: VFIOExtension.type1NestingIOMMU.rawValue)
  }
  /// The corresponding C constant is `VFIO_SPAPR_TCE_IOMMU`.
  @inlinable public static var spaprTCE: IOMMUType { IOMMUType(rawValue: VFIOExtension.spaprTCEIOMMU.rawValue) }
  /// The corresponding C constant is `VFIO_SPAPR_TCE_v2_IOMMU`.
  @inlinable public static var spaprTCEv2: IOMMUType { IOMMUType(rawValue: VFIOExtension.spaprTCEv2IOMMU.rawValue) }
  /// No isolation (unsafe no-IOMMU mode). The corresponding C constant is `VFIO_NOIOMMU_IOMMU`.
  @inlinable public static var noIOMMU: IOMMUType { IOMMUType(rawValue: VFIOExtension.noIOMMU.rawValue) }

  @inlinable public var ioctlValue: UInt { UInt(rawValue) }

  public var description: String { VFIOExtension(self).description }
}

/// A container capability `VFIO_CHECK_EXTENSION` reports, which is not an IOMMU type.
@frozen
public struct ContainerCapability: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// DMA is cache coherent. The corresponding C constant is `VFIO_DMA_CC_IOMMU`.
  @inlinable public static var dmaCacheCoherent: ContainerCapability {
    ContainerCapability(rawValue: VFIOExtension.dmaCacheCoherent.rawValue)
  }
  /// POWER EEH. The corresponding C constant is `VFIO_EEH`.
  @inlinable public static var eeh: ContainerCapability { ContainerCapability(rawValue: VFIOExtension.eeh.rawValue) }
  /// `DMAUnmapFlags.all`. The corresponding C constant is `VFIO_UNMAP_ALL`.
  @inlinable public static var unmapAll: ContainerCapability {
    ContainerCapability(rawValue: VFIOExtension.unmapAll.rawValue)
  }
  /// `DMAMapFlags.vaddr`. The corresponding C constant is `VFIO_UPDATE_VADDR`.
  @inlinable public static var updateVaddr: ContainerCapability {
    ContainerCapability(rawValue: VFIOExtension.updateVaddr.rawValue)
  }

  public var description: String { VFIOExtension(self).description }
}

extension VFIOExtension: VFIOIoctlValue {
  @inlinable public var ioctlValue: UInt { UInt(rawValue) }

  /// The `VFIO_CHECK_EXTENSION` question for an IOMMU type.
  @inlinable public init(_ type: IOMMUType) { self.init(rawValue: type.rawValue) }

  /// The `VFIO_CHECK_EXTENSION` question for a capability.
  @inlinable public init(_ capability: ContainerCapability) { self.init(rawValue: capability.rawValue) }
}
