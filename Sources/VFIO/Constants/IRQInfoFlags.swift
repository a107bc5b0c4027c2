import CVFIO

/// How an interrupt index may be signalled and masked, from `VFIO_DEVICE_GET_IRQ_INFO`.
@frozen
public struct IRQInfoFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The interrupt can signal an eventfd.
  ///
  /// The corresponding C constant is `VFIO_IRQ_INFO_EVENTFD`.
  @inlinable public static var eventfd: IRQInfoFlags {
    IRQInfoFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_INFO_EVENTFD))
  }

  /// The interrupt can be masked and unmasked.
  ///
  /// The corresponding C constant is `VFIO_IRQ_INFO_MASKABLE`.
  @inlinable public static var maskable: IRQInfoFlags {
    IRQInfoFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_INFO_MASKABLE))
  }

  /// The kernel masks the interrupt when it fires (level triggered); user space unmasks it.
  ///
  /// The corresponding C constant is `VFIO_IRQ_INFO_AUTOMASKED`.
  @inlinable public static var automasked: IRQInfoFlags {
    IRQInfoFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_INFO_AUTOMASKED))
  }

  /// Vectors cannot be added or removed while the index is enabled.
  ///
  /// The corresponding C constant is `VFIO_IRQ_INFO_NORESIZE`.
  @inlinable public static var noResize: IRQInfoFlags {
    IRQInfoFlags(rawValue: UInt32(bitPattern: VFIO_IRQ_INFO_NORESIZE))
  }
}

extension IRQInfoFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<IRQInfoFlags>] = [
    NamedConstant(.eventfd, "eventfd", "VFIO_IRQ_INFO_EVENTFD"),
    NamedConstant(.maskable, "maskable", "VFIO_IRQ_INFO_MASKABLE"),
    NamedConstant(.automasked, "automasked", "VFIO_IRQ_INFO_AUTOMASKED"),
    NamedConstant(.noResize, "noResize", "VFIO_IRQ_INFO_NORESIZE"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, IRQInfoFlags.knownFlags) }
}
