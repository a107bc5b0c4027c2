import CVFIO

/// The PCI status register (`PCI_STATUS`, 16 bits at offset 6); the DEVSEL timing field
/// (`PCI_STATUS_DEVSEL_MASK`) is two bits, read with ``devselTiming``.
@frozen
public struct PCIStatus: OptionSet, Sendable, Hashable {
  public let rawValue: UInt16

  @inlinable
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// The function is ready for configuration accesses right after reset.
  ///
  /// The corresponding C constant is `PCI_STATUS_IMM_READY`.
  @inlinable public static var immediateReadiness: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_IMM_READY)) }

  /// An INTx interrupt is pending.
  ///
  /// The corresponding C constant is `PCI_STATUS_INTERRUPT`.
  @inlinable public static var interrupt: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_INTERRUPT)) }

  /// `PCI_CAPABILITY_LIST` points at a capability list.
  ///
  /// The corresponding C constant is `PCI_STATUS_CAP_LIST`.
  @inlinable public static var capabilityList: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_CAP_LIST)) }

  /// The function supports a 66 MHz bus.
  ///
  /// The corresponding C constant is `PCI_STATUS_66MHZ`.
  @inlinable public static var mhz66: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_66MHZ)) }

  /// User definable features (obsolete).
  ///
  /// The corresponding C constant is `PCI_STATUS_UDF`.
  @inlinable public static var userDefinableFeatures: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_UDF)) }

  /// The function accepts fast back-to-back transactions.
  ///
  /// The corresponding C constant is `PCI_STATUS_FAST_BACK`.
  @inlinable public static var fastBackToBack: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_FAST_BACK)) }

  /// A data parity error was detected as bus master.
  ///
  /// The corresponding C constant is `PCI_STATUS_PARITY`.
  @inlinable public static var masterDataParityError: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_PARITY)) }

  /// The function ended a transaction with target abort.
  ///
  /// The corresponding C constant is `PCI_STATUS_SIG_TARGET_ABORT`.
  @inlinable public static var signaledTargetAbort: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_SIG_TARGET_ABORT)) }

  /// A transaction of the function ended with target abort.
  ///
  /// The corresponding C constant is `PCI_STATUS_REC_TARGET_ABORT`.
  @inlinable public static var receivedTargetAbort: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_REC_TARGET_ABORT)) }

  /// A transaction of the function ended with master abort.
  ///
  /// The corresponding C constant is `PCI_STATUS_REC_MASTER_ABORT`.
  @inlinable public static var receivedMasterAbort: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_REC_MASTER_ABORT)) }

  /// The function asserted SERR#.
  ///
  /// The corresponding C constant is `PCI_STATUS_SIG_SYSTEM_ERROR`.
  @inlinable public static var signaledSystemError: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_SIG_SYSTEM_ERROR)) }

  /// The function detected a parity error.
  ///
  /// The corresponding C constant is `PCI_STATUS_DETECTED_PARITY`.
  @inlinable public static var detectedParityError: PCIStatus { PCIStatus(rawValue: UInt16(PCI_STATUS_DETECTED_PARITY)) }
}

extension PCIStatus: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<PCIStatus>] = [
    NamedConstant(.immediateReadiness, "immediateReadiness", "PCI_STATUS_IMM_READY"),
    NamedConstant(.interrupt, "interrupt", "PCI_STATUS_INTERRUPT"),
    NamedConstant(.capabilityList, "capabilityList", "PCI_STATUS_CAP_LIST"),
    NamedConstant(.mhz66, "mhz66", "PCI_STATUS_66MHZ"),
    NamedConstant(.userDefinableFeatures, "userDefinableFeatures", "PCI_STATUS_UDF"),
    NamedConstant(.fastBackToBack, "fastBackToBack", "PCI_STATUS_FAST_BACK"),
    NamedConstant(.masterDataParityError, "masterDataParityError", "PCI_STATUS_PARITY"),
    NamedConstant(.signaledTargetAbort, "signaledTargetAbort", "PCI_STATUS_SIG_TARGET_ABORT"),
    NamedConstant(.receivedTargetAbort, "receivedTargetAbort", "PCI_STATUS_REC_TARGET_ABORT"),
    NamedConstant(.receivedMasterAbort, "receivedMasterAbort", "PCI_STATUS_REC_MASTER_ABORT"),
    NamedConstant(.signaledSystemError, "signaledSystemError", "PCI_STATUS_SIG_SYSTEM_ERROR"),
    NamedConstant(.detectedParityError, "detectedParityError", "PCI_STATUS_DETECTED_PARITY"),
  ]

  /// The masks and multi-bit values, checked against C but not used in descriptions.
  static let knownMasks: [NamedConstant<PCIStatus>] = [
    NamedConstant(PCIStatus(rawValue: UInt16(PCI_STATUS_DEVSEL_MASK)), "devselMask", "PCI_STATUS_DEVSEL_MASK"),
    NamedConstant(PCIStatus(rawValue: UInt16(PCI_STATUS_DEVSEL_MEDIUM)), "devselMedium", "PCI_STATUS_DEVSEL_MEDIUM"),
    NamedConstant(PCIStatus(rawValue: UInt16(PCI_STATUS_DEVSEL_SLOW)), "devselSlow", "PCI_STATUS_DEVSEL_SLOW"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, PCIStatus.knownFlags) }
}

extension PCIStatus {
  /// The DEVSEL timing field: 0 fast, 1 medium, 2 slow (`PCI_STATUS_DEVSEL_MASK`).
  public var devselTiming: UInt8 {
    UInt8(truncatingIfNeeded: (rawValue & UInt16(PCI_STATUS_DEVSEL_MASK)) >> UInt16(PCI_STATUS_DEVSEL_MASK).trailingZeroBitCount)
  }
}
