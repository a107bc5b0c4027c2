import CVFIO

/// The payload of `VFIO_DEVICE_FEATURE_MIG_DATA_SIZE` (get): the estimated size of
/// the data STOP_COPY will produce.
///
/// The C struct is `struct vfio_device_feature_mig_data_size`; ``rawValue`` reaches every field.
public struct MigrationDataSize: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature_mig_data_size

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature_mig_data_size) { self.rawValue = rawValue }

  /// Every field zero.
  @inlinable
  public init() {
    rawValue = vfio_device_feature_mig_data_size()
  }

  /// The estimate in bytes.
  @inlinable public var stopCopyLength: UInt64 { rawValue.stop_copy_length }
}
