import CVFIO

/// The fixed part of `VFIO_DEVICE_FEATURE`: which feature, and whether to get,
/// set or probe it.
///
/// The feature's payload follows in the C struct's flexible `data[]`, which this
/// wrapper leaves out; `flags` holds both the feature index (low 16 bits) and
/// the operation, which the accessors keep apart.
///
/// The C struct is `struct vfio_device_feature`; ``rawValue`` reaches every field.
public struct DeviceFeatureHeader: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_feature` and the given fields.
  @inlinable
  public init(feature: DeviceFeature, flags: DeviceFeatureFlags) {
    rawValue = vfio_device_feature()
    rawValue.argsz = UInt32(MemoryLayout<vfio_device_feature>.stride)
    self.feature = feature
    self.flags = flags
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The feature, the low 16 bits of `flags`. Bits of a new value above the mask are dropped.
  @inlinable public var feature: DeviceFeature {
    get { DeviceFeature(rawValue: rawValue.flags & DeviceFeatureFlags.featureMask.rawValue) }
    set {
      rawValue.flags = (rawValue.flags & ~DeviceFeatureFlags.featureMask.rawValue)
        | (newValue.rawValue & DeviceFeatureFlags.featureMask.rawValue)
    }
  }

  /// The operation, `flags` without the feature index. Bits of a new value inside the mask are dropped.
  @inlinable public var flags: DeviceFeatureFlags {
    get { DeviceFeatureFlags(rawValue: rawValue.flags & ~DeviceFeatureFlags.featureMask.rawValue) }
    set {
      rawValue.flags = (rawValue.flags & DeviceFeatureFlags.featureMask.rawValue)
        | (newValue.rawValue & ~DeviceFeatureFlags.featureMask.rawValue)
    }
  }
}
