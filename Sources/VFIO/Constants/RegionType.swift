import CVFIO

/// The type of a device-specific region, from its type capability.
///
/// PCI vendor types carry the vendor id in their low 16 bits: see
/// ``pciVendor(_:)``.
@frozen
public struct RegionType: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// A graphics region (`RegionSubtype.gfxEDID`).
  ///
  /// The corresponding C constant is `VFIO_REGION_TYPE_GFX`.
  @inlinable public static var gfx: RegionType {
    RegionType(rawValue: UInt32(bitPattern: VFIO_REGION_TYPE_GFX))
  }

  /// A CCW region.
  ///
  /// The corresponding C constant is `VFIO_REGION_TYPE_CCW`.
  @inlinable public static var ccw: RegionType {
    RegionType(rawValue: UInt32(bitPattern: VFIO_REGION_TYPE_CCW))
  }

  /// The v1 migration region, removed in Linux 5.18.
  ///
  /// The corresponding C constant is `VFIO_REGION_TYPE_MIGRATION_DEPRECATED`.
  @inlinable public static var migrationDeprecated: RegionType {
    RegionType(rawValue: UInt32(bitPattern: VFIO_REGION_TYPE_MIGRATION_DEPRECATED))
  }

  /// The bit that marks a PCI vendor type; alone it names no vendor.
  ///
  /// The corresponding C constant is `VFIO_REGION_TYPE_PCI_VENDOR_TYPE`.
  @inlinable public static var pciVendorType: RegionType {
    RegionType(rawValue: UInt32(bitPattern: VFIO_REGION_TYPE_PCI_VENDOR_TYPE))
  }

  /// The bits of a PCI vendor type that hold the vendor id.
  ///
  /// The corresponding C constant is `VFIO_REGION_TYPE_PCI_VENDOR_MASK`.
  @inlinable public static var pciVendorMask: RegionType {
    RegionType(rawValue: UInt32(bitPattern: VFIO_REGION_TYPE_PCI_VENDOR_MASK))
  }

  /// The region type of PCI vendor `vendorID`: `VFIO_REGION_TYPE_PCI_VENDOR_TYPE | vendorID`.
  @inlinable
  public static func pciVendor(_ vendorID: UInt16) -> RegionType {
    RegionType(rawValue: pciVendorType.rawValue | UInt32(vendorID))
  }

  /// The PCI vendor id of a PCI vendor type, or nil for other types.
  @inlinable
  public var pciVendorID: UInt16? {
    guard rawValue & RegionType.pciVendorType.rawValue != 0 else { return nil }
    return UInt16(truncatingIfNeeded: rawValue & RegionType.pciVendorMask.rawValue)
  }
}

extension RegionType: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<RegionType>] = [
    NamedConstant(.gfx, "gfx", "VFIO_REGION_TYPE_GFX"),
    NamedConstant(.ccw, "ccw", "VFIO_REGION_TYPE_CCW"),
    NamedConstant(.migrationDeprecated, "migrationDeprecated", "VFIO_REGION_TYPE_MIGRATION_DEPRECATED"),
    NamedConstant(.pciVendorType, "pciVendorType", "VFIO_REGION_TYPE_PCI_VENDOR_TYPE"),
  ]

  /// Counts and masks, checked against C but not used in descriptions.
  static let knownLimits: [NamedConstant<RegionType>] = [
    NamedConstant(.pciVendorMask, "pciVendorMask", "VFIO_REGION_TYPE_PCI_VENDOR_MASK"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, RegionType.knownValues) }
}
