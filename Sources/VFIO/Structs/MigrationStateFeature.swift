import CVFIO
import SystemPackage

/// The payload of `VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE`: the v2 migration state to
/// enter (set) or the current one (get), and the data fd a saving or resuming
/// state returns.
///
/// The C struct is `struct vfio_device_feature_mig_state`; ``rawValue`` reaches every field.
public struct MigrationStateFeature: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature_mig_state

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature_mig_state) { self.rawValue = rawValue }

  /// The given fields; any other field is zero.
  @inlinable
  public init(deviceState: MigrationState) {
    rawValue = vfio_device_feature_mig_state()
    self.deviceState = deviceState
  }

  /// The v2 migration state; open to states a newer kernel adds.
  @inlinable public var deviceState: MigrationState {
    get { MigrationState(rawValue: rawValue.device_state) }
    set { rawValue.device_state = newValue.rawValue }
  }

  /// The migration data file the kernel returns on entering a saving or resuming state,
  /// or -1.
  @inlinable public var dataFD: FileDescriptor { FileDescriptor(rawValue: rawValue.data_fd) }
}
