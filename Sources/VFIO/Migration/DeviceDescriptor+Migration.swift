import CVFIO
import SystemPackage

/// Why a v2 migration state could not be set.
public enum MigrationDeviceError: Error, Hashable, Sendable {
  /// The request was refused before reaching the kernel.
  case transition(MigrationTransitionError)
  /// The kernel or driver failed it; the device may now be in any state along
  /// the path, or in ERROR (read ``VFIODescriptor/migrationState()``).
  case system(Errno)
  /// The data fd the kernel handed back is no migration data file new to the package; it is left open.
  case descriptorRefused(DescriptorRefusal)
}

extension MigrationDeviceError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .transition(let error): error.description
    case .system(let errno): "setting the migration state failed: \(errno)"
    case .descriptorRefused(let refusal): "setting the migration state: \(refusal)"
    }
  }
}

extension DeviceDescriptor {
  /// The device's migration features (`VFIO_DEVICE_FEATURE_MIGRATION`);
  /// ENOTTY when the device cannot migrate.
  public func migrationFlags() throws(Errno) -> MigrationFlags {
    let answer = try feature(.migration, .get, vfio_device_feature_migration())
    return MigrationFlags(rawValue: answer.flags)
  }

  /// The current migration state (`VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE`, GET).
  ///
  /// A value this header does not name is returned as is, not rejected.
  public func migrationState() throws(Errno) -> MigrationState {
    let answer = try feature(
      .migrationDeviceState, .get, vfio_device_feature_mig_state(device_state: 0, data_fd: -1))
    return MigrationState(rawValue: answer.device_state)
  }

  /// Moves the device to `state` (`VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE`, SET); the
  /// kernel walks a combination transition arc by arc
  /// (``MigrationStateMachine/path(from:to:supported:)`` predicts them).
  ///
  /// - Returns: The data fd when the transition opens a session (entering
  ///   STOP_COPY or PRE_COPY from outside the saving states, or RESUMING), else nil; typed
  ///   ``MigrationDataFile/resuming(_:)`` for RESUMING, ``MigrationDataFile/saving(_:)`` otherwise.
  public func setMigrationState(_ state: MigrationState) throws(MigrationDeviceError) -> MigrationDataFile? {
    guard state.isKnown else { throw .transition(.unknownState(state)) }
    guard state != .error else { throw .transition(.errorIsNotATarget) }
    let answer: vfio_device_feature_mig_state
    do {
      answer = try feature(
        .migrationDeviceState, .set, vfio_device_feature_mig_state(device_state: state.rawValue, data_fd: -1))
    } catch {
      throw .system(error)
    }
    guard answer.data_fd != -1 else { return nil }
    switch checkHandedBack(answer.data_fd, as: .migrationData) {
    case .success(let descriptor) where state == .resuming:
      return .resuming(MigrationResumingFile(unsafeAdopting: descriptor))
    case .success(let descriptor): return .saving(MigrationSavingFile(unsafeAdopting: descriptor))
    case .failure(let refusal): throw .descriptorRefused(refusal)
    }
  }

  /// The estimated bytes STOP_COPY will produce (`VFIO_DEVICE_FEATURE_MIG_DATA_SIZE`, Linux 6.2+).
  public func stopCopyDataSize() throws(Errno) -> UInt64 {
    let answer = try feature(.migrationDataSize, .get, vfio_device_feature_mig_data_size())
    return answer.stop_copy_length
  }
}
