import CVFIO

/// The id of a capability in the PCI Express extended capability list (config offsets 0x100–0xFFF).
@frozen
public struct PCIExtendedCapabilityID: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt16

  @inlinable
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// Advanced error reporting.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_ERR`.
  @inlinable public static var advancedErrorReporting: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_ERR)) }

  /// Virtual channel.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_VC`.
  @inlinable public static var virtualChannel: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_VC)) }

  /// Device serial number.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_DSN`.
  @inlinable public static var deviceSerialNumber: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_DSN)) }

  /// Power budgeting.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_PWR`.
  @inlinable public static var powerBudgeting: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_PWR)) }

  /// Root complex link declaration.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_RCLD`.
  @inlinable public static var rootComplexLinkDeclaration: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_RCLD)) }

  /// Root complex internal link control.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_RCILC`.
  @inlinable public static var rootComplexInternalLinkControl: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_RCILC)) }

  /// Root complex event collector.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_RCEC`.
  @inlinable public static var rootComplexEventCollector: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_RCEC)) }

  /// Multi-function virtual channel.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_MFVC`.
  @inlinable public static var multiFunctionVirtualChannel: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_MFVC)) }

  /// Virtual channel (the second id of the same capability).
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_VC9`.
  @inlinable public static var virtualChannel9: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_VC9)) }

  /// Root complex register block.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_RCRB`.
  @inlinable public static var rootComplexRegisterBlock: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_RCRB)) }

  /// Vendor specific.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_VNDR`.
  @inlinable public static var vendorSpecific: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_VNDR)) }

  /// Configuration access correlation (obsolete).
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_CAC`.
  @inlinable public static var configAccessCorrelation: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_CAC)) }

  /// Access control services.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_ACS`.
  @inlinable public static var accessControlServices: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_ACS)) }

  /// Alternative routing-id interpretation.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_ARI`.
  @inlinable public static var alternativeRoutingID: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_ARI)) }

  /// Address translation services.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_ATS`.
  @inlinable public static var addressTranslationServices: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_ATS)) }

  /// Single root I/O virtualization.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_SRIOV`.
  @inlinable public static var singleRootIOV: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_SRIOV)) }

  /// Multi-root I/O virtualization.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_MRIOV`.
  @inlinable public static var multiRootIOV: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_MRIOV)) }

  /// Multicast.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_MCAST`.
  @inlinable public static var multicast: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_MCAST)) }

  /// Page request interface.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_PRI`.
  @inlinable public static var pageRequestInterface: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_PRI)) }

  /// Resizable BAR.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_REBAR`.
  @inlinable public static var resizableBAR: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_REBAR)) }

  /// Dynamic power allocation.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_DPA`.
  @inlinable public static var dynamicPowerAllocation: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_DPA)) }

  /// TLP processing hints requester.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_TPH`.
  @inlinable public static var tphRequester: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_TPH)) }

  /// Latency tolerance reporting.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_LTR`.
  @inlinable public static var latencyToleranceReporting: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_LTR)) }

  /// Secondary PCI Express.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_SECPCI`.
  @inlinable public static var secondaryPCIExpress: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_SECPCI)) }

  /// Protocol multiplexing.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_PMUX`.
  @inlinable public static var protocolMultiplexing: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_PMUX)) }

  /// Process address space id.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_PASID`.
  @inlinable public static var processAddressSpaceID: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_PASID)) }

  /// Downstream port containment.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_DPC`.
  @inlinable public static var downstreamPortContainment: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_DPC)) }

  /// L1 power management substates.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_L1SS`.
  @inlinable public static var l1PMSubstates: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_L1SS)) }

  /// Precision time measurement.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_PTM`.
  @inlinable public static var precisionTimeMeasurement: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_PTM)) }

  /// Data link feature.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_DLF`.
  @inlinable public static var dataLinkFeature: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_DLF)) }

  /// Physical layer 16.0 GT/s.
  ///
  /// The corresponding C constant is `PCI_EXT_CAP_ID_PL_16GT`.
  @inlinable public static var physicalLayer16GT: PCIExtendedCapabilityID { PCIExtendedCapabilityID(rawValue: UInt16(PCI_EXT_CAP_ID_PL_16GT)) }
}

extension PCIExtendedCapabilityID: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<PCIExtendedCapabilityID>] = [
    NamedConstant(.advancedErrorReporting, "advancedErrorReporting", "PCI_EXT_CAP_ID_ERR"),
    NamedConstant(.virtualChannel, "virtualChannel", "PCI_EXT_CAP_ID_VC"),
    NamedConstant(.deviceSerialNumber, "deviceSerialNumber", "PCI_EXT_CAP_ID_DSN"),
    NamedConstant(.powerBudgeting, "powerBudgeting", "PCI_EXT_CAP_ID_PWR"),
    NamedConstant(.rootComplexLinkDeclaration, "rootComplexLinkDeclaration", "PCI_EXT_CAP_ID_RCLD"),
    NamedConstant(.rootComplexInternalLinkControl, "rootComplexInternalLinkControl", "PCI_EXT_CAP_ID_RCILC"),
    NamedConstant(.rootComplexEventCollector, "rootComplexEventCollector", "PCI_EXT_CAP_ID_RCEC"),
    NamedConstant(.multiFunctionVirtualChannel, "multiFunctionVirtualChannel", "PCI_EXT_CAP_ID_MFVC"),
    NamedConstant(.virtualChannel9, "virtualChannel9", "PCI_EXT_CAP_ID_VC9"),
    NamedConstant(.rootComplexRegisterBlock, "rootComplexRegisterBlock", "PCI_EXT_CAP_ID_RCRB"),
    NamedConstant(.vendorSpecific, "vendorSpecific", "PCI_EXT_CAP_ID_VNDR"),
    NamedConstant(.configAccessCorrelation, "configAccessCorrelation", "PCI_EXT_CAP_ID_CAC"),
    NamedConstant(.accessControlServices, "accessControlServices", "PCI_EXT_CAP_ID_ACS"),
    NamedConstant(.alternativeRoutingID, "alternativeRoutingID", "PCI_EXT_CAP_ID_ARI"),
    NamedConstant(.addressTranslationServices, "addressTranslationServices", "PCI_EXT_CAP_ID_ATS"),
    NamedConstant(.singleRootIOV, "singleRootIOV", "PCI_EXT_CAP_ID_SRIOV"),
    NamedConstant(.multiRootIOV, "multiRootIOV", "PCI_EXT_CAP_ID_MRIOV"),
    NamedConstant(.multicast, "multicast", "PCI_EXT_CAP_ID_MCAST"),
    NamedConstant(.pageRequestInterface, "pageRequestInterface", "PCI_EXT_CAP_ID_PRI"),
    NamedConstant(.resizableBAR, "resizableBAR", "PCI_EXT_CAP_ID_REBAR"),
    NamedConstant(.dynamicPowerAllocation, "dynamicPowerAllocation", "PCI_EXT_CAP_ID_DPA"),
    NamedConstant(.tphRequester, "tphRequester", "PCI_EXT_CAP_ID_TPH"),
    NamedConstant(.latencyToleranceReporting, "latencyToleranceReporting", "PCI_EXT_CAP_ID_LTR"),
    NamedConstant(.secondaryPCIExpress, "secondaryPCIExpress", "PCI_EXT_CAP_ID_SECPCI"),
    NamedConstant(.protocolMultiplexing, "protocolMultiplexing", "PCI_EXT_CAP_ID_PMUX"),
    NamedConstant(.processAddressSpaceID, "processAddressSpaceID", "PCI_EXT_CAP_ID_PASID"),
    NamedConstant(.downstreamPortContainment, "downstreamPortContainment", "PCI_EXT_CAP_ID_DPC"),
    NamedConstant(.l1PMSubstates, "l1PMSubstates", "PCI_EXT_CAP_ID_L1SS"),
    NamedConstant(.precisionTimeMeasurement, "precisionTimeMeasurement", "PCI_EXT_CAP_ID_PTM"),
    NamedConstant(.dataLinkFeature, "dataLinkFeature", "PCI_EXT_CAP_ID_DLF"),
    NamedConstant(.physicalLayer16GT, "physicalLayer16GT", "PCI_EXT_CAP_ID_PL_16GT"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, PCIExtendedCapabilityID.knownValues) }
}
