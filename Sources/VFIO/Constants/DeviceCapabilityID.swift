import CVFIO

/// The id of a capability in a device info capability chain.
@frozen
public struct DeviceCapabilityID: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt16

  @inlinable
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// s390 zPCI base information.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_INFO_CAP_ZPCI_BASE`.
  @inlinable public static var zpciBase: DeviceCapabilityID {
    DeviceCapabilityID(rawValue: UInt16(VFIO_DEVICE_INFO_CAP_ZPCI_BASE))
  }

  /// s390 zPCI function group information.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_INFO_CAP_ZPCI_GROUP`.
  @inlinable public static var zpciGroup: DeviceCapabilityID {
    DeviceCapabilityID(rawValue: UInt16(VFIO_DEVICE_INFO_CAP_ZPCI_GROUP))
  }

  /// s390 zPCI utility string.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_INFO_CAP_ZPCI_UTIL`.
  @inlinable public static var zpciUtility: DeviceCapabilityID {
    DeviceCapabilityID(rawValue: UInt16(VFIO_DEVICE_INFO_CAP_ZPCI_UTIL))
  }

  /// s390 zPCI PCI function internal path.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_INFO_CAP_ZPCI_PFIP`.
  @inlinable public static var zpciPFIP: DeviceCapabilityID {
    DeviceCapabilityID(rawValue: UInt16(VFIO_DEVICE_INFO_CAP_ZPCI_PFIP))
  }

  /// The PCIe AtomicOp widths completed for the device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP`.
  @inlinable public static var pciAtomicCompletion: DeviceCapabilityID {
    DeviceCapabilityID(rawValue: UInt16(VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP))
  }
}

extension DeviceCapabilityID: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<DeviceCapabilityID>] = [
    NamedConstant(.zpciBase, "zpciBase", "VFIO_DEVICE_INFO_CAP_ZPCI_BASE"),
    NamedConstant(.zpciGroup, "zpciGroup", "VFIO_DEVICE_INFO_CAP_ZPCI_GROUP"),
    NamedConstant(.zpciUtility, "zpciUtility", "VFIO_DEVICE_INFO_CAP_ZPCI_UTIL"),
    NamedConstant(.zpciPFIP, "zpciPFIP", "VFIO_DEVICE_INFO_CAP_ZPCI_PFIP"),
    NamedConstant(.pciAtomicCompletion, "pciAtomicCompletion", "VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, DeviceCapabilityID.knownValues) }
}
