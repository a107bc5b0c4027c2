import CVFIO

/// The flags of `VFIO_DEVICE_BIND_IOMMUFD` (`vfio_device_bind_iommufd.flags`).
@frozen
public struct DeviceBindFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// `token_uuid_ptr` points to the VF token (a UUID) the PF's user set; required to bind a VF whose PF is bound to vfio-pci.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_BIND_FLAG_TOKEN`.
  @inlinable public static var token: DeviceBindFlags {
    DeviceBindFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_BIND_FLAG_TOKEN))
  }
}

extension DeviceBindFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<DeviceBindFlags>] = [
    NamedConstant(.token, "token", "VFIO_DEVICE_BIND_FLAG_TOKEN"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, DeviceBindFlags.knownFlags) }
}
