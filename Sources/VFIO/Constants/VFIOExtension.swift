import CVFIO

/// An extension `VFIO_CHECK_EXTENSION` asks a container about; the IOMMU
/// types among them are also the argument of `VFIO_SET_IOMMU`.
@frozen
public struct VFIOExtension: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The type1 IOMMU (x86, arm, ...).
  ///
  /// The corresponding C constant is `VFIO_TYPE1_IOMMU`.
  @inlinable public static var type1IOMMU: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_TYPE1_IOMMU))
  }

  /// The POWER sPAPR TCE IOMMU.
  ///
  /// The corresponding C constant is `VFIO_SPAPR_TCE_IOMMU`.
  @inlinable public static var spaprTCEIOMMU: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_SPAPR_TCE_IOMMU))
  }

  /// Type1 with v2 semantics: unmaps must cover whole mappings.
  ///
  /// The corresponding C constant is `VFIO_TYPE1v2_IOMMU`.
  @inlinable public static var type1v2IOMMU: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_TYPE1v2_IOMMU))
  }

  /// The IOMMU enforces cache coherence for DMA.
  ///
  /// The corresponding C constant is `VFIO_DMA_CC_IOMMU`.
  @inlinable public static var dmaCacheCoherent: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_DMA_CC_IOMMU))
  }

  /// POWER Enhanced Error Handling (`VFIO_EEH_PE_OP`).
  ///
  /// The corresponding C constant is `VFIO_EEH`.
  @inlinable public static var eeh: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_EEH))
  }

  /// Two-stage (nested) type1 translation; implies the v2 semantics.
  ///
  /// Reserved since Linux 6.13, which renamed the constant
  /// `__VFIO_RESERVED_TYPE1_NESTING_IOMMU` and refuses the type (nesting moved to
  /// iommufd); kept so that older kernels' answers keep their name.
  ///
  /// The corresponding C constant is `VFIO_TYPE1_NESTING_IOMMU`
  /// (`__VFIO_RESERVED_TYPE1_NESTING_IOMMU` in the newest header).
  @inlinable public static var type1NestingIOMMU: VFIOExtension {
    VFIOExtension(rawValue: UInt32(CVFIO_TYPE1_NESTING_IOMMU))
  }

  /// The sPAPR TCE IOMMU with dynamic DMA windows and preregistered memory.
  ///
  /// The corresponding C constant is `VFIO_SPAPR_TCE_v2_IOMMU`.
  @inlinable public static var spaprTCEv2IOMMU: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_SPAPR_TCE_v2_IOMMU))
  }

  /// No IOMMU: no DMA isolation; needs the enable_unsafe_noiommu_mode parameter.
  ///
  /// The corresponding C constant is `VFIO_NOIOMMU_IOMMU`.
  @inlinable public static var noIOMMU: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_NOIOMMU_IOMMU))
  }

  /// `DMAUnmapFlags.all` is supported.
  ///
  /// The corresponding C constant is `VFIO_UNMAP_ALL`.
  @inlinable public static var unmapAll: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_UNMAP_ALL))
  }

  /// `DMAMapFlags.vaddr` and `DMAUnmapFlags.vaddr` are supported.
  ///
  /// The corresponding C constant is `VFIO_UPDATE_VADDR`.
  @inlinable public static var updateVaddr: VFIOExtension {
    VFIOExtension(rawValue: UInt32(VFIO_UPDATE_VADDR))
  }
}

extension VFIOExtension: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<VFIOExtension>] = [
    NamedConstant(.type1IOMMU, "type1IOMMU", "VFIO_TYPE1_IOMMU"),
    NamedConstant(.spaprTCEIOMMU, "spaprTCEIOMMU", "VFIO_SPAPR_TCE_IOMMU"),
    NamedConstant(.type1v2IOMMU, "type1v2IOMMU", "VFIO_TYPE1v2_IOMMU"),
    NamedConstant(.dmaCacheCoherent, "dmaCacheCoherent", "VFIO_DMA_CC_IOMMU"),
    NamedConstant(.eeh, "eeh", "VFIO_EEH"),
    NamedConstant(.type1NestingIOMMU, "type1NestingIOMMU", "VFIO_TYPE1_NESTING_IOMMU"),
    NamedConstant(.spaprTCEv2IOMMU, "spaprTCEv2IOMMU", "VFIO_SPAPR_TCE_v2_IOMMU"),
    NamedConstant(.noIOMMU, "noIOMMU", "VFIO_NOIOMMU_IOMMU"),
    NamedConstant(.unmapAll, "unmapAll", "VFIO_UNMAP_ALL"),
    NamedConstant(.updateVaddr, "updateVaddr", "VFIO_UPDATE_VADDR"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, VFIOExtension.knownValues) }
}
