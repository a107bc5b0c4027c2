/// Why the v2 state machine has no step from one state to another.
///
/// Each case is a request the kernel answers with EINVAL.
public enum MigrationTransitionError: Error, Hashable, Sendable {
  /// A raw value the header does not define.
  case unknownState(MigrationState)
  /// ERROR cannot be requested; a failed transition may land in it.
  case errorIsNotATarget
  /// The device is in ERROR; only `VFIO_DEVICE_RESET` leaves it.
  case deviceInError
  /// The device's migration flags do not include this optional state.
  case unsupportedState(MigrationState, supported: MigrationFlags)
  /// The header forbids this transition (STOP_COPY → PRE_COPY, STOP_COPY → PRE_COPY_P2P).
  case blocked(from: MigrationState, to: MigrationState)
  /// The step table led around a cycle of unsupported states; the walk gave up
  /// after visiting every state once instead of spinning.
  case noProgress(from: MigrationState, to: MigrationState)
}

extension MigrationTransitionError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unknownState(let state): "\(state) is not a migration state of this header"
    case .errorIsNotATarget: "error cannot be requested as a migration state"
    case .deviceInError: "the device is in the error state; only VFIO_DEVICE_RESET recovers it"
    case .unsupportedState(let state, let supported):
      "\(state) is not supported by a device with migration flags \(supported.names)"
    case .blocked(let from, let to): "the transition \(from) -> \(to) is not permitted"
    case .noProgress(let from, let to): "no path from \(from) to \(to): the steps go round in a cycle"
    }
  }
}
