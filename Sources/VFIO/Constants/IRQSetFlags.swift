import CVFIO

/// The data type and action of a `VFIO_DEVICE_SET_IRQS` request.
///
/// Exactly one data flag and one action flag are set in a valid request.
@frozen
public struct IRQSetFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// No data follows the header.
  ///
  /// The corresponding C constant is `VFIO_IRQ_SET_DATA_NONE`.
  @inlinable public static var dataNone: IRQSetFlags {
    IRQSetFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_SET_DATA_NONE))
  }

  /// One byte per vector follows the header.
  ///
  /// The corresponding C constant is `VFIO_IRQ_SET_DATA_BOOL`.
  @inlinable public static var dataBool: IRQSetFlags {
    IRQSetFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_SET_DATA_BOOL))
  }

  /// One 32-bit eventfd per vector follows the header; -1 removes it.
  ///
  /// The corresponding C constant is `VFIO_IRQ_SET_DATA_EVENTFD`.
  @inlinable public static var dataEventFD: IRQSetFlags {
    IRQSetFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_SET_DATA_EVENTFD))
  }

  /// Mask the vectors.
  ///
  /// The corresponding C constant is `VFIO_IRQ_SET_ACTION_MASK`.
  @inlinable public static var actionMask: IRQSetFlags {
    IRQSetFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_SET_ACTION_MASK))
  }

  /// Unmask the vectors.
  ///
  /// The corresponding C constant is `VFIO_IRQ_SET_ACTION_UNMASK`.
  @inlinable public static var actionUnmask: IRQSetFlags {
    IRQSetFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_SET_ACTION_UNMASK))
  }

  /// Trigger the vectors, or set the eventfds that they trigger.
  ///
  /// The corresponding C constant is `VFIO_IRQ_SET_ACTION_TRIGGER`.
  @inlinable public static var actionTrigger: IRQSetFlags {
    IRQSetFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_SET_ACTION_TRIGGER))
  }

  /// Every data flag.
  ///
  /// Swift does not import the C macro, an OR of three macros; this is the same OR.
  ///
  /// The corresponding C constant is `VFIO_IRQ_SET_DATA_TYPE_MASK`.
  @inlinable public static var dataTypeMask: IRQSetFlags {
    IRQSetFlags(rawValue: dataNone.rawValue | dataBool.rawValue | dataEventFD.rawValue)
  }

  /// Every action flag.
  ///
  /// Swift does not import the C macro, an OR of three macros; this is the same OR.
  ///
  /// The corresponding C constant is `VFIO_IRQ_SET_ACTION_TYPE_MASK`.
  @inlinable public static var actionTypeMask: IRQSetFlags {
    IRQSetFlags(rawValue: actionMask.rawValue | actionUnmask.rawValue | actionTrigger.rawValue)
  }
}

extension IRQSetFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<IRQSetFlags>] = [
    NamedConstant(.dataNone, "dataNone", "VFIO_IRQ_SET_DATA_NONE"),
    NamedConstant(.dataBool, "dataBool", "VFIO_IRQ_SET_DATA_BOOL"),
    NamedConstant(.dataEventFD, "dataEventFD", "VFIO_IRQ_SET_DATA_EVENTFD"),
    NamedConstant(.actionMask, "actionMask", "VFIO_IRQ_SET_ACTION_MASK"),
    NamedConstant(.actionUnmask, "actionUnmask", "VFIO_IRQ_SET_ACTION_UNMASK"),
    NamedConstant(.actionTrigger, "actionTrigger", "VFIO_IRQ_SET_ACTION_TRIGGER"),
  ]

  /// Masks over several flags, checked against C but not used in descriptions.
  static let knownMasks: [NamedConstant<IRQSetFlags>] = [
    NamedConstant(.dataTypeMask, "dataTypeMask", "VFIO_IRQ_SET_DATA_TYPE_MASK"),
    NamedConstant(.actionTypeMask, "actionTypeMask", "VFIO_IRQ_SET_ACTION_TYPE_MASK"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, IRQSetFlags.knownFlags) }
}
