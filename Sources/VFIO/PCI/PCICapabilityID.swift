import CVFIO

/// The id of a capability in the standard PCI capability list (config offsets 0x40–0xFF).
@frozen
public struct PCICapabilityID: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt8

  @inlinable
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Power management.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_PM`.
  @inlinable public static var powerManagement: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_PM)) }

  /// Accelerated Graphics Port.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_AGP`.
  @inlinable public static var agp: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_AGP)) }

  /// Vital product data.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_VPD`.
  @inlinable public static var vitalProductData: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_VPD)) }

  /// Slot identification.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_SLOTID`.
  @inlinable public static var slotID: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_SLOTID)) }

  /// Message signalled interrupts: decoded by ``MSICapability``.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_MSI`.
  @inlinable public static var msi: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_MSI)) }

  /// CompactPCI hot swap.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_CHSWP`.
  @inlinable public static var compactPCIHotSwap: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_CHSWP)) }

  /// PCI-X.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_PCIX`.
  @inlinable public static var pcix: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_PCIX)) }

  /// HyperTransport.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_HT`.
  @inlinable public static var hyperTransport: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_HT)) }

  /// Vendor specific.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_VNDR`.
  @inlinable public static var vendorSpecific: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_VNDR)) }

  /// Debug port.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_DBG`.
  @inlinable public static var debugPort: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_DBG)) }

  /// CompactPCI central resource control.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_CCRC`.
  @inlinable public static var compactPCIResourceControl: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_CCRC)) }

  /// PCI standard hot-plug controller.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_SHPC`.
  @inlinable public static var hotPlugController: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_SHPC)) }

  /// Bridge subsystem vendor and device id.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_SSVID`.
  @inlinable public static var bridgeSubsystemVendorID: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_SSVID)) }

  /// AGP target PCI-PCI bridge.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_AGP3`.
  @inlinable public static var agpBridge: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_AGP3)) }

  /// Secure device.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_SECDEV`.
  @inlinable public static var secureDevice: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_SECDEV)) }

  /// PCI Express.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_EXP`.
  @inlinable public static var pciExpress: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_EXP)) }

  /// MSI-X: decoded by ``MSIXCapability``.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_MSIX`.
  @inlinable public static var msix: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_MSIX)) }

  /// SATA data/index configuration.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_SATA`.
  @inlinable public static var sata: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_SATA)) }

  /// PCI advanced features.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_AF`.
  @inlinable public static var advancedFeatures: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_AF)) }

  /// Enhanced allocation.
  ///
  /// The corresponding C constant is `PCI_CAP_ID_EA`.
  @inlinable public static var enhancedAllocation: PCICapabilityID { PCICapabilityID(rawValue: UInt8(PCI_CAP_ID_EA)) }
}

extension PCICapabilityID: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<PCICapabilityID>] = [
    NamedConstant(.powerManagement, "powerManagement", "PCI_CAP_ID_PM"),
    NamedConstant(.agp, "agp", "PCI_CAP_ID_AGP"),
    NamedConstant(.vitalProductData, "vitalProductData", "PCI_CAP_ID_VPD"),
    NamedConstant(.slotID, "slotID", "PCI_CAP_ID_SLOTID"),
    NamedConstant(.msi, "msi", "PCI_CAP_ID_MSI"),
    NamedConstant(.compactPCIHotSwap, "compactPCIHotSwap", "PCI_CAP_ID_CHSWP"),
    NamedConstant(.pcix, "pcix", "PCI_CAP_ID_PCIX"),
    NamedConstant(.hyperTransport, "hyperTransport", "PCI_CAP_ID_HT"),
    NamedConstant(.vendorSpecific, "vendorSpecific", "PCI_CAP_ID_VNDR"),
    NamedConstant(.debugPort, "debugPort", "PCI_CAP_ID_DBG"),
    NamedConstant(.compactPCIResourceControl, "compactPCIResourceControl", "PCI_CAP_ID_CCRC"),
    NamedConstant(.hotPlugController, "hotPlugController", "PCI_CAP_ID_SHPC"),
    NamedConstant(.bridgeSubsystemVendorID, "bridgeSubsystemVendorID", "PCI_CAP_ID_SSVID"),
    NamedConstant(.agpBridge, "agpBridge", "PCI_CAP_ID_AGP3"),
    NamedConstant(.secureDevice, "secureDevice", "PCI_CAP_ID_SECDEV"),
    NamedConstant(.pciExpress, "pciExpress", "PCI_CAP_ID_EXP"),
    NamedConstant(.msix, "msix", "PCI_CAP_ID_MSIX"),
    NamedConstant(.sata, "sata", "PCI_CAP_ID_SATA"),
    NamedConstant(.advancedFeatures, "advancedFeatures", "PCI_CAP_ID_AF"),
    NamedConstant(.enhancedAllocation, "enhancedAllocation", "PCI_CAP_ID_EA"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, PCICapabilityID.knownValues) }
}
