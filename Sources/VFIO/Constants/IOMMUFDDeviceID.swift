import CVFIO

/// An iommufd device id, as `VFIO_DEVICE_BIND_IOMMUFD` returns it and the hot
/// reset info reports it for each affected device of a cdev caller.
@frozen
public struct IOMMUFDDeviceID: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// An affected device the caller owns implicitly, through a device of the same IOMMU group.
  ///
  /// The corresponding C constant is `VFIO_PCI_DEVID_OWNED`.
  @inlinable public static var owned: IOMMUFDDeviceID {
    IOMMUFDDeviceID(rawValue: UInt32(bitPattern: VFIO_PCI_DEVID_OWNED))
  }

  /// An affected device the caller does not own: the hot reset needs the group interface.
  ///
  /// The corresponding C constant is `VFIO_PCI_DEVID_NOT_OWNED`.
  @inlinable public static var notOwned: IOMMUFDDeviceID {
    IOMMUFDDeviceID(rawValue: UInt32(bitPattern: VFIO_PCI_DEVID_NOT_OWNED))
  }
}

extension IOMMUFDDeviceID: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<IOMMUFDDeviceID>] = [
    NamedConstant(.owned, "owned", "VFIO_PCI_DEVID_OWNED"),
    NamedConstant(.notOwned, "notOwned", "VFIO_PCI_DEVID_NOT_OWNED"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, IOMMUFDDeviceID.knownValues) }
}
