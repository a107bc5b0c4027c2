import CVFIO

/// The index of a device region, as passed to `VFIO_DEVICE_GET_REGION_INFO`.
///
/// The meaning of an index depends on the device's bus (`DeviceInfoFlags`):
/// index 0 is BAR0 on PCI and the config region on CCW. Indexes from
/// `pciCount` on are device specific and described by a type capability.
@frozen
public struct RegionIndex: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// PCI BAR 0.
  ///
  /// The corresponding C constant is `VFIO_PCI_BAR0_REGION_INDEX`.
  @inlinable public static var pciBAR0: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_BAR0_REGION_INDEX))
  }

  /// PCI BAR 1.
  ///
  /// The corresponding C constant is `VFIO_PCI_BAR1_REGION_INDEX`.
  @inlinable public static var pciBAR1: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_BAR1_REGION_INDEX))
  }

  /// PCI BAR 2.
  ///
  /// The corresponding C constant is `VFIO_PCI_BAR2_REGION_INDEX`.
  @inlinable public static var pciBAR2: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_BAR2_REGION_INDEX))
  }

  /// PCI BAR 3.
  ///
  /// The corresponding C constant is `VFIO_PCI_BAR3_REGION_INDEX`.
  @inlinable public static var pciBAR3: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_BAR3_REGION_INDEX))
  }

  /// PCI BAR 4.
  ///
  /// The corresponding C constant is `VFIO_PCI_BAR4_REGION_INDEX`.
  @inlinable public static var pciBAR4: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_BAR4_REGION_INDEX))
  }

  /// PCI BAR 5.
  ///
  /// The corresponding C constant is `VFIO_PCI_BAR5_REGION_INDEX`.
  @inlinable public static var pciBAR5: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_BAR5_REGION_INDEX))
  }

  /// The PCI expansion ROM.
  ///
  /// The corresponding C constant is `VFIO_PCI_ROM_REGION_INDEX`.
  @inlinable public static var pciROM: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_ROM_REGION_INDEX))
  }

  /// PCI configuration space.
  ///
  /// The corresponding C constant is `VFIO_PCI_CONFIG_REGION_INDEX`.
  @inlinable public static var pciConfig: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_CONFIG_REGION_INDEX))
  }

  /// Legacy VGA memory and I/O ranges.
  ///
  /// The corresponding C constant is `VFIO_PCI_VGA_REGION_INDEX`.
  @inlinable public static var pciVGA: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_VGA_REGION_INDEX))
  }

  /// The CCW I/O region.
  ///
  /// The corresponding C constant is `VFIO_CCW_CONFIG_REGION_INDEX`.
  @inlinable public static var ccwConfig: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_CCW_CONFIG_REGION_INDEX))
  }

  /// The number of fixed PCI indexes; the first device-specific index.
  ///
  /// The corresponding C constant is `VFIO_PCI_NUM_REGIONS`.
  @inlinable public static var pciCount: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_PCI_NUM_REGIONS))
  }

  /// The number of fixed CCW indexes.
  ///
  /// The corresponding C constant is `VFIO_CCW_NUM_REGIONS`.
  @inlinable public static var ccwCount: RegionIndex {
    RegionIndex(rawValue: UInt32(VFIO_CCW_NUM_REGIONS))
  }
}

extension RegionIndex: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<RegionIndex>] = [
    NamedConstant(.pciBAR0, "pciBAR0", "VFIO_PCI_BAR0_REGION_INDEX"),
    NamedConstant(.pciBAR1, "pciBAR1", "VFIO_PCI_BAR1_REGION_INDEX"),
    NamedConstant(.pciBAR2, "pciBAR2", "VFIO_PCI_BAR2_REGION_INDEX"),
    NamedConstant(.pciBAR3, "pciBAR3", "VFIO_PCI_BAR3_REGION_INDEX"),
    NamedConstant(.pciBAR4, "pciBAR4", "VFIO_PCI_BAR4_REGION_INDEX"),
    NamedConstant(.pciBAR5, "pciBAR5", "VFIO_PCI_BAR5_REGION_INDEX"),
    NamedConstant(.pciROM, "pciROM", "VFIO_PCI_ROM_REGION_INDEX"),
    NamedConstant(.pciConfig, "pciConfig", "VFIO_PCI_CONFIG_REGION_INDEX"),
    NamedConstant(.pciVGA, "pciVGA", "VFIO_PCI_VGA_REGION_INDEX"),
    NamedConstant(.ccwConfig, "ccwConfig", "VFIO_CCW_CONFIG_REGION_INDEX"),
  ]

  /// Counts and masks, checked against C but not used in descriptions.
  static let knownLimits: [NamedConstant<RegionIndex>] = [
    NamedConstant(.pciCount, "pciCount", "VFIO_PCI_NUM_REGIONS"),
    NamedConstant(.ccwCount, "ccwCount", "VFIO_CCW_NUM_REGIONS"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, RegionIndex.knownValues) }
}
