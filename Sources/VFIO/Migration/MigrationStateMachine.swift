/// The v2 migration state machine as the kernel walks it.
///
/// A request for a state that is not one arc away is a combination transition:
/// the kernel breaks it into arcs with `vfio_mig_get_next_state()`, which takes
/// one step of a fixed table (chosen so that the path is shortest and never
/// opens or closes a data session in its interior) and then skips any state the
/// device does not support by stepping again from there. This type computes the
/// same steps, so a VMM can predict which arcs a driver will see.
public enum MigrationStateMachine {
  /// The state the kernel moves to first when asked to go from `current` to `target`.
  ///
  /// Equal to `vfio_mig_get_next_state()`: both states must be supported by
  /// `supported`, and states the device lacks are skipped. Returns `current`
  /// when it equals `target`.
  public static func nextStep(
    from current: MigrationState, to target: MigrationState, supported: MigrationFlags
  ) throws(MigrationTransitionError) -> MigrationState {
    try nextStep(from: current, to: target, supported: supported, table: tableStep)
  }

  /// Every state the kernel passes through from `current` to `target`, `target`
  /// last; empty when they are equal.
  public static func path(
    from current: MigrationState, to target: MigrationState, supported: MigrationFlags
  ) throws(MigrationTransitionError) -> [MigrationState] {
    try path(from: current, to: target, supported: supported, table: tableStep)
  }

  /// One step of the table, before unsupported states are skipped; nil where
  /// the header blocks the transition.
  static func tableStep(from current: MigrationState, to target: MigrationState) -> MigrationState? {
    if current == target { return current }
    switch current {
    case .stop:
      // STOP opens a session directly (STOP_COPY, RESUMING); everything else
      // starts by resuming operation without P2P.
      return target == .stopCopy || target == .resuming ? target : .runningP2P
    case .running:
      return target == .preCopy ? .preCopy : .runningP2P
    case .runningP2P:
      switch target {
      case .running, .preCopy: return .running
      case .preCopyP2P: return .preCopyP2P
      default: return .stop
      }
    case .preCopy:
      // The session stays open on the way to STOP_COPY; elsewhere it closes first.
      return target == .preCopyP2P || target == .stopCopy ? .preCopyP2P : .running
    case .preCopyP2P:
      return target == .preCopy || target == .stopCopy ? target : .runningP2P
    case .stopCopy:
      // A stopped device cannot go back to pre-copy with the same session.
      return target == .preCopy || target == .preCopyP2P ? nil : .stop
    case .resuming:
      return .stop
    default:
      return nil
    }
  }

  static func nextStep(
    from current: MigrationState, to target: MigrationState, supported: MigrationFlags,
    table: (MigrationState, MigrationState) -> MigrationState?
  ) throws(MigrationTransitionError) -> MigrationState {
    try validate(current, target, supported)
    var step = current
    // Each round moves to a state the table chose on the way to `target`; more
    // rounds than there are states means the table cycles among unsupported
    // ones (Linux 5.18 spun forever on such a walk).
    for _ in MigrationState.allKnown {
      guard let next = table(step, target), next != .error else {
        throw .blocked(from: current, to: target)
      }
      if next.isSupported(by: supported) { return next }
      step = next
    }
    throw .noProgress(from: current, to: target)
  }

  static func path(
    from current: MigrationState, to target: MigrationState, supported: MigrationFlags,
    table: (MigrationState, MigrationState) -> MigrationState?
  ) throws(MigrationTransitionError) -> [MigrationState] {
    try validate(current, target, supported)
    var steps: [MigrationState] = []
    var state = current
    // A path that visits a state twice is a cycle; with every state visited
    // once at most, the walk ends within allKnown.count steps.
    for _ in MigrationState.allKnown {
      if state == target { return steps }
      state = try nextStep(from: state, to: target, supported: supported, table: table)
      steps.append(state)
    }
    if state == target { return steps }
    throw .noProgress(from: current, to: target)
  }

  private static func validate(
    _ current: MigrationState, _ target: MigrationState, _ supported: MigrationFlags
  ) throws(MigrationTransitionError) {
    if !current.isKnown { throw .unknownState(current) }
    if !target.isKnown { throw .unknownState(target) }
    if current == .error { throw .deviceInError }
    if target == .error { throw .errorIsNotATarget }
    if !current.isSupported(by: supported) { throw .unsupportedState(current, supported: supported) }
    if !target.isSupported(by: supported) { throw .unsupportedState(target, supported: supported) }
  }
}

/// What an arc of the state machine does to the data transfer session.
public enum MigrationSessionEffect: String, Hashable, Sendable {
  /// The arc returns a new data fd: entering the saving group, or RESUMING.
  case opens
  /// The arc ends the session: leaving the saving group, or RESUMING.
  case closes
  /// The session, if any, carries on (moving within the saving group) or none exists.
  case none
}

extension MigrationStateMachine {
  /// The effect of the single arc `from` → `to` on the data session.
  public static func sessionEffect(from: MigrationState, to: MigrationState) -> MigrationSessionEffect {
    if to == .resuming && from != .resuming || !from.isSaving && to.isSaving && from != .resuming { return .opens }
    if from == .resuming && to != .resuming || from.isSaving && !to.isSaving { return .closes }
    return .none
  }
}
