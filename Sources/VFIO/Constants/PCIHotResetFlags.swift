import CVFIO

/// What `VFIO_DEVICE_GET_PCI_HOT_RESET_INFO` reports about the affected devices.
@frozen
public struct PCIHotResetFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The dependent devices carry iommufd device ids, not group ids (cdev callers).
  ///
  /// The corresponding C constant is `VFIO_PCI_HOT_RESET_FLAG_DEV_ID`.
  @inlinable public static var deviceID: PCIHotResetFlags {
    PCIHotResetFlags(rawValue: UInt32(bitPattern: VFIO_PCI_HOT_RESET_FLAG_DEV_ID))
  }

  /// The caller owns every affected device, so the reset needs no group fds.
  ///
  /// The corresponding C constant is `VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED`.
  @inlinable public static var deviceIDOwned: PCIHotResetFlags {
    PCIHotResetFlags(rawValue: UInt32(bitPattern: VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED))
  }
}

extension PCIHotResetFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<PCIHotResetFlags>] = [
    NamedConstant(.deviceID, "deviceID", "VFIO_PCI_HOT_RESET_FLAG_DEV_ID"),
    NamedConstant(.deviceIDOwned, "deviceIDOwned", "VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, PCIHotResetFlags.knownFlags) }
}
