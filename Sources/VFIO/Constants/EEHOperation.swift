import CVFIO

/// The `op` of a POWER `VFIO_EEH_PE_OP` request.
@frozen
public struct EEHOperation: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Disable EEH for the PE.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_DISABLE`.
  @inlinable public static var disable: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_DISABLE))
  }

  /// Enable EEH for the PE.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_ENABLE`.
  @inlinable public static var enable: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_ENABLE))
  }

  /// Let MMIO and PIO through again.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_UNFREEZE_IO`.
  @inlinable public static var unfreezeIO: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_UNFREEZE_IO))
  }

  /// Let DMA through again.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_UNFREEZE_DMA`.
  @inlinable public static var unfreezeDMA: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_UNFREEZE_DMA))
  }

  /// Return the PE state (`EEHState`) as the ioctl's result.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_GET_STATE`.
  @inlinable public static var getState: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_GET_STATE))
  }

  /// Deassert the PE reset.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_RESET_DEACTIVATE`.
  @inlinable public static var resetDeactivate: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_RESET_DEACTIVATE))
  }

  /// Assert a hot reset.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_RESET_HOT`.
  @inlinable public static var resetHot: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_RESET_HOT))
  }

  /// Assert a fundamental reset.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_RESET_FUNDAMENTAL`.
  @inlinable public static var resetFundamental: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_RESET_FUNDAMENTAL))
  }

  /// Reconfigure the PE's bridges after a reset.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_CONFIGURE`.
  @inlinable public static var configure: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_CONFIGURE))
  }

  /// Inject an error (`vfio_eeh_pe_err`).
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_INJECT_ERR`.
  @inlinable public static var injectError: EEHOperation {
    EEHOperation(rawValue: UInt32(bitPattern: VFIO_EEH_PE_INJECT_ERR))
  }
}

extension EEHOperation: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<EEHOperation>] = [
    NamedConstant(.disable, "disable", "VFIO_EEH_PE_DISABLE"),
    NamedConstant(.enable, "enable", "VFIO_EEH_PE_ENABLE"),
    NamedConstant(.unfreezeIO, "unfreezeIO", "VFIO_EEH_PE_UNFREEZE_IO"),
    NamedConstant(.unfreezeDMA, "unfreezeDMA", "VFIO_EEH_PE_UNFREEZE_DMA"),
    NamedConstant(.getState, "getState", "VFIO_EEH_PE_GET_STATE"),
    NamedConstant(.resetDeactivate, "resetDeactivate", "VFIO_EEH_PE_RESET_DEACTIVATE"),
    NamedConstant(.resetHot, "resetHot", "VFIO_EEH_PE_RESET_HOT"),
    NamedConstant(.resetFundamental, "resetFundamental", "VFIO_EEH_PE_RESET_FUNDAMENTAL"),
    NamedConstant(.configure, "configure", "VFIO_EEH_PE_CONFIGURE"),
    NamedConstant(.injectError, "injectError", "VFIO_EEH_PE_INJECT_ERR"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, EEHOperation.knownValues) }
}
