import VFIO

/// The v2 state machine as the 6.12 header's comment above `enum vfio_device_mig_state`
/// describes it, written from that comment alone (not from the kernel's table).
enum DocumentedMigrationArcs {
  /// The arcs the comment lists, each under the heading that introduces it.
  static let listed: [(MigrationState, MigrationState)] = [
    // "RUNNING_P2P -> STOP", "STOP_COPY -> STOP"
    (.runningP2P, .stop), (.stopCopy, .stop),
    // "RESUMING -> STOP"
    (.resuming, .stop),
    // "PRE_COPY -> RUNNING", "RUNNING_P2P -> RUNNING"
    (.preCopy, .running), (.runningP2P, .running),
    // "PRE_COPY_P2P -> RUNNING_P2P", "RUNNING -> RUNNING_P2P", "STOP -> RUNNING_P2P"
    (.preCopyP2P, .runningP2P), (.running, .runningP2P), (.stop, .runningP2P),
    // "RUNNING -> PRE_COPY", "RUNNING_P2P -> PRE_COPY_P2P", "STOP -> STOP_COPY"
    (.running, .preCopy), (.runningP2P, .preCopyP2P), (.stop, .stopCopy),
    // "PRE_COPY -> PRE_COPY_P2P", "PRE_COPY_P2P -> PRE_COPY", "PRE_COPY_P2P -> STOP_COPY"
    (.preCopy, .preCopyP2P), (.preCopyP2P, .preCopy), (.preCopyP2P, .stopCopy),
    // "STOP -> RESUMING"
    (.stop, .resuming),
  ]

  /// "STOP_COPY -> PRE_COPY", "STOP_COPY -> PRE_COPY_P2P": "not permitted".
  static let blocked: [(MigrationState, MigrationState)] = [(.stopCopy, .preCopy), (.stopCopy, .preCopyP2P)]

  /// "These arcs begin the process of saving the device state and will return a new
  /// data_fd" (RUNNING -> PRE_COPY, RUNNING_P2P -> PRE_COPY_P2P, STOP -> STOP_COPY);
  /// "Entering the RESUMING state ... will return a new data_fd".
  static let opening: [(MigrationState, MigrationState)] = [
    (.running, .preCopy), (.runningP2P, .preCopyP2P), (.stop, .stopCopy), (.stop, .resuming),
  ]

  /// "The STOP_COPY arc will terminate a data transfer session", "Leaving RESUMING
  /// terminates a data transfer session", "The PRE_COPY arc will terminate…",
  /// "The PRE_COPY_P2P arc will terminate…".
  static let closing: [(MigrationState, MigrationState)] = [
    (.stopCopy, .stop), (.resuming, .stop), (.preCopy, .running), (.preCopyP2P, .runningP2P),
  ]

  /// "PRE_COPY, PRE_COPY_P2P and STOP_COPY form the saving group".
  static let savingGroup: Set<MigrationState> = [.preCopy, .preCopyP2P, .stopCopy]

  /// The states a device with `flags` has, from the comment above
  /// `struct vfio_device_feature_migration`: RUNNING and ERROR always; STOP, STOP_COPY,
  /// RESUMING with STOP_COPY; RUNNING_P2P with P2P; PRE_COPY with PRE_COPY;
  /// PRE_COPY_P2P with both. ERROR is never requested, so it is left out.
  static func states(_ flags: MigrationFlags) -> Set<MigrationState> {
    guard flags.contains(.stopCopy) else { return [] }
    var states: Set<MigrationState> = [.running, .stop, .stopCopy, .resuming]
    if flags.contains(.p2p) { states.insert(.runningP2P) }
    if flags.contains(.preCopy) { states.insert(.preCopy) }
    if flags.contains([.p2p, .preCopy]) { states.insert(.preCopyP2P) }
    return states
  }

  /// The arcs a device with `flags` takes. "For the purpose of specification the
  /// states behave as though the device was fully running if not supported": a P2P
  /// state the device lacks is its non-P2P twin. "Arcs touching PRE_COPY and
  /// PRE_COPY_P2P are removed if support for PRE_COPY is not present."
  static func arcs(_ flags: MigrationFlags) -> Set<Arc> {
    func twin(_ state: MigrationState) -> MigrationState {
      guard !flags.contains(.p2p) else { return state }
      return state == .runningP2P ? .running : state == .preCopyP2P ? .preCopy : state
    }
    var arcs: Set<Arc> = []
    for (from, to) in listed {
      let touchesPreCopy = [from, to].contains { $0 == .preCopy || $0 == .preCopyP2P }
      if touchesPreCopy && !flags.contains(.preCopy) { continue }
      let arc = Arc(from: twin(from), to: twin(to))
      if arc.from != arc.to { arcs.insert(arc) }
    }
    return arcs
  }

  struct Arc: Hashable, CustomStringConvertible {
    let from: MigrationState
    let to: MigrationState
    var description: String { "\(from) -> \(to)" }
  }

  /// The combination paths the comment's rules allow: "Select the shortest path"
  /// and "The path cannot have saving group states as interior arcs" — a session is
  /// neither opened nor closed inside the path, so an arc into the saving group may
  /// only be the last one and an arc out of it only the first. Returns every
  /// shortest such path (the states after `from`), or nil when the comment gives none.
  static func shortestPaths(
    from: MigrationState, to: MigrationState, flags: MigrationFlags
  ) -> [[MigrationState]]? {
    let states = states(flags)
    guard states.contains(from), states.contains(to) else { return nil }
    if from == to { return [[]] }
    if blocked.contains(where: { $0 == (from, to) }) { return nil }
    let arcs = arcs(flags)
    var frontier: [[MigrationState]] = [[from]]
    for _ in states {
      var next: [[MigrationState]] = []
      for path in frontier {
        for arc in arcs where arc.from == path.last {
          if path.contains(arc.to) { continue }
          let entersGroup = !savingGroup.contains(arc.from) && savingGroup.contains(arc.to)
          let leavesGroup = savingGroup.contains(arc.from) && !savingGroup.contains(arc.to)
          if entersGroup && arc.to != to { continue }
          if leavesGroup && path.count != 1 { continue }
          next.append(path + [arc.to])
        }
      }
      let arrived = next.filter { $0.last == to }
      if !arrived.isEmpty { return arrived.map { Array($0.dropFirst()) } }
      frontier = next
    }
    return nil
  }
}
