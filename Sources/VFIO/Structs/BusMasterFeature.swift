import CVFIO

/// The payload of `VFIO_DEVICE_FEATURE_BUS_MASTER` (set).
///
/// The C struct is `struct vfio_device_feature_bus_master`; ``rawValue`` reaches every field.
public struct BusMasterFeature: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature_bus_master

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature_bus_master) { self.rawValue = rawValue }

  /// The given fields; any other field is zero.
  @inlinable
  public init(operation: BusMasterOperation) {
    rawValue = vfio_device_feature_bus_master()
    self.operation = operation
  }

  /// Set or clear bus mastering.
  @inlinable public var operation: BusMasterOperation {
    get { BusMasterOperation(rawValue: rawValue.op) }
    set { rawValue.op = newValue.rawValue }
  }
}
