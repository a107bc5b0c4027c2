import CVFIO

/// What `VFIO_DEVICE_GET_INFO` reports about a device: its bus and whether it
/// supports reset and carries a capability chain.
@frozen
public struct DeviceInfoFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The device supports `VFIO_DEVICE_RESET`.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_RESET`.
  @inlinable public static var reset: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_RESET))
  }

  /// A vfio-pci device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_PCI`.
  @inlinable public static var pci: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_PCI))
  }

  /// A vfio-platform device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_PLATFORM`.
  @inlinable public static var platform: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_PLATFORM))
  }

  /// A vfio-amba device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_AMBA`.
  @inlinable public static var amba: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_AMBA))
  }

  /// A vfio-ccw (s390 channel I/O) device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_CCW`.
  @inlinable public static var ccw: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_CCW))
  }

  /// A vfio-ap (s390 crypto adjunct processor) device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_AP`.
  @inlinable public static var ap: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_AP))
  }

  /// A vfio-fsl-mc (NXP management complex) device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_FSL_MC`.
  @inlinable public static var fslMC: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_FSL_MC))
  }

  /// `cap_offset` points at a capability chain.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_CAPS`.
  @inlinable public static var capabilities: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_CAPS))
  }

  /// A vfio-cdx (AMD CDX bus) device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FLAGS_CDX`.
  @inlinable public static var cdx: DeviceInfoFlags {
    DeviceInfoFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FLAGS_CDX))
  }
}

extension DeviceInfoFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<DeviceInfoFlags>] = [
    NamedConstant(.reset, "reset", "VFIO_DEVICE_FLAGS_RESET"),
    NamedConstant(.pci, "pci", "VFIO_DEVICE_FLAGS_PCI"),
    NamedConstant(.platform, "platform", "VFIO_DEVICE_FLAGS_PLATFORM"),
    NamedConstant(.amba, "amba", "VFIO_DEVICE_FLAGS_AMBA"),
    NamedConstant(.ccw, "ccw", "VFIO_DEVICE_FLAGS_CCW"),
    NamedConstant(.ap, "ap", "VFIO_DEVICE_FLAGS_AP"),
    NamedConstant(.fslMC, "fslMC", "VFIO_DEVICE_FLAGS_FSL_MC"),
    NamedConstant(.capabilities, "capabilities", "VFIO_DEVICE_FLAGS_CAPS"),
    NamedConstant(.cdx, "cdx", "VFIO_DEVICE_FLAGS_CDX"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, DeviceInfoFlags.knownFlags) }
}
