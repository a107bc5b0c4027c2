import CVFIO

/// The PCIe AtomicOp widths the root port completes for a device, from its
/// `VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP` capability.
@frozen
public struct PCIAtomicCompletionFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// 32-bit AtomicOps.
  ///
  /// The corresponding C constant is `VFIO_PCI_ATOMIC_COMP32`.
  @inlinable public static var completer32: PCIAtomicCompletionFlags {
    PCIAtomicCompletionFlags(rawValue: UInt32(bitPattern: VFIO_PCI_ATOMIC_COMP32))
  }

  /// 64-bit AtomicOps.
  ///
  /// The corresponding C constant is `VFIO_PCI_ATOMIC_COMP64`.
  @inlinable public static var completer64: PCIAtomicCompletionFlags {
    PCIAtomicCompletionFlags(rawValue: UInt32(bitPattern: VFIO_PCI_ATOMIC_COMP64))
  }

  /// 128-bit CAS AtomicOps.
  ///
  /// The corresponding C constant is `VFIO_PCI_ATOMIC_COMP128`.
  @inlinable public static var completer128: PCIAtomicCompletionFlags {
    PCIAtomicCompletionFlags(rawValue: UInt32(bitPattern: VFIO_PCI_ATOMIC_COMP128))
  }
}

extension PCIAtomicCompletionFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<PCIAtomicCompletionFlags>] = [
    NamedConstant(.completer32, "completer32", "VFIO_PCI_ATOMIC_COMP32"),
    NamedConstant(.completer64, "completer64", "VFIO_PCI_ATOMIC_COMP64"),
    NamedConstant(.completer128, "completer128", "VFIO_PCI_ATOMIC_COMP128"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, PCIAtomicCompletionFlags.knownFlags) }
}
