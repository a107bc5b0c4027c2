import CVFIO

/// The payload of `VFIO_DEVICE_FEATURE_MIGRATION` (get): the migration states the device supports.
///
/// The C struct is `struct vfio_device_feature_migration`; ``rawValue`` reaches every field.
public struct MigrationFeature: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature_migration

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature_migration) { self.rawValue = rawValue }

  /// Every field zero.
  @inlinable
  public init() {
    rawValue = vfio_device_feature_migration()
  }

  /// The supported states.
  @inlinable public var flags: MigrationFlags { MigrationFlags(rawValue: rawValue.flags) }
}
