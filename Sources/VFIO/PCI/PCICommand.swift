import CVFIO

/// The PCI command register (`PCI_COMMAND`, 16 bits at offset 4): what the function may do on the bus.
@frozen
public struct PCICommand: OptionSet, Sendable, Hashable {
  public let rawValue: UInt16

  @inlinable
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// The function answers I/O space accesses.
  ///
  /// The corresponding C constant is `PCI_COMMAND_IO`.
  @inlinable public static var ioSpace: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_IO)) }

  /// The function answers memory space accesses: needed for BAR MMIO.
  ///
  /// The corresponding C constant is `PCI_COMMAND_MEMORY`.
  @inlinable public static var memorySpace: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_MEMORY)) }

  /// The function may issue memory requests: needed for DMA and MSI.
  ///
  /// The corresponding C constant is `PCI_COMMAND_MASTER`.
  @inlinable public static var busMaster: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_MASTER)) }

  /// The function monitors special cycles.
  ///
  /// The corresponding C constant is `PCI_COMMAND_SPECIAL`.
  @inlinable public static var specialCycles: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_SPECIAL)) }

  /// The function may use memory write and invalidate.
  ///
  /// The corresponding C constant is `PCI_COMMAND_INVALIDATE`.
  @inlinable public static var memoryWriteAndInvalidate: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_INVALIDATE)) }

  /// The function snoops VGA palette writes.
  ///
  /// The corresponding C constant is `PCI_COMMAND_VGA_PALETTE`.
  @inlinable public static var vgaPaletteSnoop: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_VGA_PALETTE)) }

  /// The function reports parity errors.
  ///
  /// The corresponding C constant is `PCI_COMMAND_PARITY`.
  @inlinable public static var parityErrorResponse: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_PARITY)) }

  /// Address/data stepping (obsolete).
  ///
  /// The corresponding C constant is `PCI_COMMAND_WAIT`.
  @inlinable public static var steppingControl: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_WAIT)) }

  /// The function may assert SERR#.
  ///
  /// The corresponding C constant is `PCI_COMMAND_SERR`.
  @inlinable public static var serrEnable: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_SERR)) }

  /// Fast back-to-back transactions to different targets.
  ///
  /// The corresponding C constant is `PCI_COMMAND_FAST_BACK`.
  @inlinable public static var fastBackToBack: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_FAST_BACK)) }

  /// INTx assertion is disabled (MSI and MSI-X are not affected).
  ///
  /// The corresponding C constant is `PCI_COMMAND_INTX_DISABLE`.
  @inlinable public static var interruptDisable: PCICommand { PCICommand(rawValue: UInt16(PCI_COMMAND_INTX_DISABLE)) }
}

extension PCICommand: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<PCICommand>] = [
    NamedConstant(.ioSpace, "ioSpace", "PCI_COMMAND_IO"),
    NamedConstant(.memorySpace, "memorySpace", "PCI_COMMAND_MEMORY"),
    NamedConstant(.busMaster, "busMaster", "PCI_COMMAND_MASTER"),
    NamedConstant(.specialCycles, "specialCycles", "PCI_COMMAND_SPECIAL"),
    NamedConstant(.memoryWriteAndInvalidate, "memoryWriteAndInvalidate", "PCI_COMMAND_INVALIDATE"),
    NamedConstant(.vgaPaletteSnoop, "vgaPaletteSnoop", "PCI_COMMAND_VGA_PALETTE"),
    NamedConstant(.parityErrorResponse, "parityErrorResponse", "PCI_COMMAND_PARITY"),
    NamedConstant(.steppingControl, "steppingControl", "PCI_COMMAND_WAIT"),
    NamedConstant(.serrEnable, "serrEnable", "PCI_COMMAND_SERR"),
    NamedConstant(.fastBackToBack, "fastBackToBack", "PCI_COMMAND_FAST_BACK"),
    NamedConstant(.interruptDisable, "interruptDisable", "PCI_COMMAND_INTX_DISABLE"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, PCICommand.knownFlags) }
}
