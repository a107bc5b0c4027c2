import CVFIO

/// The operation bits of `vfio_device_feature.flags`.
///
/// The low 16 bits of that field hold the ``DeviceFeature`` index, which
/// ``DeviceFeatureHeader`` keeps apart from these flags.
@frozen
public struct DeviceFeatureFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Read the feature's payload.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_GET`.
  @inlinable public static var get: DeviceFeatureFlags {
    DeviceFeatureFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_GET))
  }

  /// Write the feature's payload.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_SET`.
  @inlinable public static var set: DeviceFeatureFlags {
    DeviceFeatureFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_SET))
  }

  /// Ask whether the feature supports the `get` or `set` also given, without doing it.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_PROBE`.
  @inlinable public static var probe: DeviceFeatureFlags {
    DeviceFeatureFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_PROBE))
  }

  /// The bits that hold the feature index rather than flags.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_MASK`.
  @inlinable public static var featureMask: DeviceFeatureFlags {
    DeviceFeatureFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_MASK))
  }
}

extension DeviceFeatureFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<DeviceFeatureFlags>] = [
    NamedConstant(.get, "get", "VFIO_DEVICE_FEATURE_GET"),
    NamedConstant(.set, "set", "VFIO_DEVICE_FEATURE_SET"),
    NamedConstant(.probe, "probe", "VFIO_DEVICE_FEATURE_PROBE"),
  ]

  /// Masks over several flags, checked against C but not used in descriptions.
  static let knownMasks: [NamedConstant<DeviceFeatureFlags>] = [
    NamedConstant(.featureMask, "featureMask", "VFIO_DEVICE_FEATURE_MASK"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, DeviceFeatureFlags.knownFlags) }
}
