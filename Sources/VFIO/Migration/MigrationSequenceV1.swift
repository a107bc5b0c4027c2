/// The five state sequences the v1 protocol documents, as data.
public enum MigrationSequenceV1: String, CaseIterable, Hashable, Sendable {
  /// RUNNING → STOP. The user may skip it; the driver must accept it.
  case normalShutdown = "normal shutdown"
  /// RUNNING → stop-and-copy → STOP.
  case saveOrSuspend = "save or suspend"
  /// RUNNING → pre-copy → stop-and-copy → STOP.
  case liveMigration = "live migration"
  /// RUNNING → RESUMING.
  case resuming
  /// RESUMING → RUNNING, once the saved data has been written.
  case resumed

  /// The states in order, first to last.
  public var states: [MigrationStateV1] {
    switch self {
    case .normalShutdown: [.running, .stop]
    case .saveOrSuspend: [.running, .stopAndCopy, .stop]
    case .liveMigration: [.running, .preCopy, .stopAndCopy, .stop]
    case .resuming: [.running, .resuming]
    case .resumed: [.resuming, .running]
    }
  }

  /// Each consecutive pair of ``states``.
  public var arcs: [(from: MigrationStateV1, to: MigrationStateV1)] {
    zip(states, states.dropFirst()).map { (from: $0, to: $1) }
  }

  /// The sequences that take the arc `from` → `to` (protocol bits only).
  public static func containing(from: MigrationStateV1, to: MigrationStateV1) -> [MigrationSequenceV1] {
    allCases.filter { sequence in
      sequence.arcs.contains { $0.from == from.protocolBits && $0.to == to.protocolBits }
    }
  }
}

/// What the v1 protocol forbids about a change of `device_state`.
public enum MigrationTransitionV1Error: Error, Hashable, Sendable {
  /// The target combines RESUMING with another bit (101b, 111b).
  case invalidTarget(MigrationStateV1)
  /// Only the driver enters the error state (110b); the user never writes it.
  case errorIsNotATarget
  /// The device reported the error state: only `VFIO_DEVICE_RESET` leaves it.
  case deviceInError
  /// The device reported a state the protocol calls invalid.
  case invalidSource(MigrationStateV1)
  /// Both states are valid, but no documented sequence takes this arc.
  case undocumentedArc(from: MigrationStateV1, to: MigrationStateV1)
}

extension MigrationTransitionV1Error: CustomStringConvertible {
  public var description: String {
    switch self {
    case .invalidTarget(let state): "\(state) is not a valid device state"
    case .errorIsNotATarget: "the error state is entered by the driver, never written by the user"
    case .deviceInError: "the device is in the error state; only VFIO_DEVICE_RESET recovers it"
    case .invalidSource(let state): "the device reports \(state), which is not a valid device state"
    case .undocumentedArc(let from, let to): "no documented v1 sequence goes from \(from) to \(to)"
    }
  }
}

extension MigrationStateV1 {
  /// Checks that moving from `self` (as read from the device) to `new` is an arc of one
  /// of the documented sequences, and says which rule it breaks when it is not.
  ///
  /// Only bits 0–2 take part; writing the state unchanged is always allowed.
  /// - Returns: The documented sequences that take this arc (empty when unchanged).
  @discardableResult
  public func checkTransition(to new: MigrationStateV1) throws(MigrationTransitionV1Error) -> [MigrationSequenceV1] {
    if isError { throw .deviceInError }
    if !isValid { throw .invalidSource(self) }
    if new.isError { throw .errorIsNotATarget }
    if !new.isValid { throw .invalidTarget(new) }
    if protocolBits == new.protocolBits { return [] }
    let sequences = MigrationSequenceV1.containing(from: self, to: new)
    if sequences.isEmpty { throw .undocumentedArc(from: protocolBits, to: new.protocolBits) }
    return sequences
  }
}
