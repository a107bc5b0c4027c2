import CVFIO

/// The subtype of a device-specific region; its meaning depends on the ``RegionType``.
@frozen
public struct RegionSubtype: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Intel IGD OpRegion (type `pciVendor(0x8086)`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION`.
  @inlinable public static var intelIGDOpRegion: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION))
  }

  /// Intel IGD host bridge config space (type `pciVendor(0x8086)`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_INTEL_IGD_HOST_CFG`.
  @inlinable public static var intelIGDHostConfig: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_INTEL_IGD_HOST_CFG))
  }

  /// Intel IGD LPC bridge config space (type `pciVendor(0x8086)`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_INTEL_IGD_LPC_CFG`.
  @inlinable public static var intelIGDLPCConfig: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_INTEL_IGD_LPC_CFG))
  }

  /// NVIDIA NVLink2 GPU RAM (type `pciVendor(0x10de)`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_NVIDIA_NVLINK2_RAM`.
  @inlinable public static var nvidiaNVLink2RAM: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_NVIDIA_NVLINK2_RAM))
  }

  /// IBM NVLink2 ATSD registers (type `pciVendor(0x1014)`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_IBM_NVLINK2_ATSD`.
  @inlinable public static var ibmNVLink2ATSD: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_IBM_NVLINK2_ATSD))
  }

  /// The EDID of a virtual display (type `gfx`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_GFX_EDID`.
  @inlinable public static var gfxEDID: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_GFX_EDID))
  }

  /// Asynchronous CCW commands (type `ccw`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_CCW_ASYNC_CMD`.
  @inlinable public static var ccwAsyncCommand: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_CCW_ASYNC_CMD))
  }

  /// The subchannel information block (type `ccw`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_CCW_SCHIB`.
  @inlinable public static var ccwSCHIB: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_CCW_SCHIB))
  }

  /// Channel report words (type `ccw`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_CCW_CRW`.
  @inlinable public static var ccwCRW: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_CCW_CRW))
  }

  /// The v1 migration region (type `migrationDeprecated`).
  ///
  /// The corresponding C constant is `VFIO_REGION_SUBTYPE_MIGRATION_DEPRECATED`.
  @inlinable public static var migrationDeprecated: RegionSubtype {
    RegionSubtype(rawValue: UInt32(bitPattern: VFIO_REGION_SUBTYPE_MIGRATION_DEPRECATED))
  }
}

extension RegionSubtype: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<RegionSubtype>] = [
    NamedConstant(.intelIGDOpRegion, "intelIGDOpRegion", "VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION"),
    NamedConstant(.intelIGDHostConfig, "intelIGDHostConfig", "VFIO_REGION_SUBTYPE_INTEL_IGD_HOST_CFG"),
    NamedConstant(.intelIGDLPCConfig, "intelIGDLPCConfig", "VFIO_REGION_SUBTYPE_INTEL_IGD_LPC_CFG"),
    NamedConstant(.nvidiaNVLink2RAM, "nvidiaNVLink2RAM", "VFIO_REGION_SUBTYPE_NVIDIA_NVLINK2_RAM"),
    NamedConstant(.ibmNVLink2ATSD, "ibmNVLink2ATSD", "VFIO_REGION_SUBTYPE_IBM_NVLINK2_ATSD"),
    NamedConstant(.gfxEDID, "gfxEDID", "VFIO_REGION_SUBTYPE_GFX_EDID"),
    NamedConstant(.ccwAsyncCommand, "ccwAsyncCommand", "VFIO_REGION_SUBTYPE_CCW_ASYNC_CMD"),
    NamedConstant(.ccwSCHIB, "ccwSCHIB", "VFIO_REGION_SUBTYPE_CCW_SCHIB"),
    NamedConstant(.ccwCRW, "ccwCRW", "VFIO_REGION_SUBTYPE_CCW_CRW"),
    NamedConstant(.migrationDeprecated, "migrationDeprecated", "VFIO_REGION_SUBTYPE_MIGRATION_DEPRECATED"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, RegionSubtype.knownValues) }
}
