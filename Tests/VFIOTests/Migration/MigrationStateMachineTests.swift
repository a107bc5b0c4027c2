import Testing

@testable import VFIO

@Suite("v2 migration state machine against the header's documentation")
struct MigrationStateMachineTests {
  static let states = MigrationState.allKnown

  @Test("States are the header's values where the header has them, the newest header's elsewhere")
  func values() throws {
    let names = [
      "ERROR", "STOP", "RUNNING", "STOP_COPY", "RESUMING", "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P",
    ]
    let newest = try #require(baselineIntegers.last?.integers)
    var fromHeader = 0
    for (state, name) in zip(MigrationState.allKnown, names) {
      let cName = "VFIO_DEVICE_STATE_\(name)"
      // 5.10's VFIO_DEVICE_STATE_RUNNING is a v1 bit: the oracle names a v2 state only where the
      // header has the v2 enum.
      if let c = oracleMigration[cName] {
        #expect(UInt64(state.rawValue) == c, "\(name)")
        fromHeader += 1
      }
      #expect(Int64(state.rawValue) == newest[cName], "\(name) in the newest header")
      #expect(MigrationState(name: cName) == state)
    }
    print("header \(HeaderGeneration.current): \(fromHeader) of \(names.count) v2 states defined by the header itself")
  }

  @Test("Every (from, to, flags) the kernel allows matches the documented paths")
  func everyCombination() {
    var checked = 0
    var paths = 0
    var arcsWalked = 0
    for flags in MigrationFlags.documentedCombinations {
      let documentedArcs = DocumentedMigrationArcs.arcs(flags)
      for from in Self.states {
        for to in Self.states {
          checked += 1
          let documented = DocumentedMigrationArcs.shortestPaths(from: from, to: to, flags: flags)
          let label = "\(from) -> \(to) with \(flags)"
          #expect((documented?.count ?? 1) == 1, "the documentation allows several paths: \(label)")
          let path = try? MigrationStateMachine.path(from: from, to: to, supported: flags)
          let step = try? MigrationStateMachine.nextStep(from: from, to: to, supported: flags)
          #expect(path == documented?.first, "\(label)")
          #expect(step == (path?.first ?? (path == nil ? nil : from)), "\(label)")
          guard let path else { continue }
          paths += 1
          for (a, b) in zip([from] + path, path) {
            arcsWalked += 1
            #expect(documentedArcs.contains(.init(from: a, to: b)), "\(label) steps \(a) -> \(b)")
          }
        }
      }
    }
    #expect(checked == 8 * 8 * 4)
    print("checked \(checked) (from, to, flags) combinations of the v2 FSM: \(paths) paths, \(arcsWalked) arcs, all documented")
  }

  static let failures: [(MigrationState, MigrationState, MigrationFlags, MigrationTransitionError)] = [
    (.running, .error, [.stopCopy, .p2p, .preCopy], .errorIsNotATarget),
    (.error, .running, [.stopCopy, .p2p, .preCopy], .deviceInError),
    (.stopCopy, .preCopy, [.stopCopy, .p2p, .preCopy], .blocked(from: .stopCopy, to: .preCopy)),
    (.stopCopy, .preCopyP2P, [.stopCopy, .p2p, .preCopy], .blocked(from: .stopCopy, to: .preCopyP2P)),
    (.running, .preCopy, .stopCopy, .unsupportedState(.preCopy, supported: .stopCopy)),
    (.runningP2P, .stop, [.stopCopy, .preCopy], .unsupportedState(.runningP2P, supported: [.stopCopy, .preCopy])),
    (.running, .stop, .p2p, .unsupportedState(.running, supported: .p2p)),
    (MigrationState(rawValue: 8), .stop, .stopCopy, .unknownState(MigrationState(rawValue: 8))),
    (.stop, MigrationState(rawValue: .max), .stopCopy, .unknownState(MigrationState(rawValue: .max))),
  ]

  @Test("Refusals are typed errors", arguments: failures)
  func refusals(_ from: MigrationState, _ to: MigrationState, _ flags: MigrationFlags, _ expected: MigrationTransitionError) {
    #expect(throws: expected) { try MigrationStateMachine.nextStep(from: from, to: to, supported: flags) }
    #expect(throws: expected) { try MigrationStateMachine.path(from: from, to: to, supported: flags) }
  }

  @Test("Every flag value, known or not, ends in a path or an error")
  func everyFlagValueTerminates() {
    var outcomes = 0
    for raw in UInt64(0)...7 {
      for extra in [UInt64(0), 1 << 3, 1 << 63] {
        let flags = MigrationFlags(rawValue: raw | extra)
        for from in Self.states {
          for to in Self.states {
            let path = try? MigrationStateMachine.path(from: from, to: to, supported: flags)
            #expect((path?.count ?? 0) < Self.states.count)
            // Without STOP_COPY no state is supported; unknown bits change nothing.
            if !flags.contains(.stopCopy) { #expect(path == nil) }
            outcomes += 1
          }
        }
      }
    }
    print("walked \(outcomes) (from, to, flags) combinations over every 3-bit flag value and unknown bits")
  }

  @Test("Random raw states never trap")
  func randomRawStates() {
    var generator = SplitMix64(seed: 0xF5A)
    var refused = 0
    for _ in 0..<10_000 {
      let from = MigrationState(rawValue: UInt32(truncatingIfNeeded: generator.next()))
      let to = MigrationState(rawValue: UInt32(truncatingIfNeeded: generator.next()))
      do {
        _ = try MigrationStateMachine.path(from: from, to: to, supported: [.stopCopy, .p2p, .preCopy])
      } catch {
        refused += 1
        #expect(from.isKnown && to.isKnown || error == .unknownState(from.isKnown ? to : from))
      }
      #expect(!from.description.isEmpty && !to.description.isEmpty)
    }
    #expect(refused > 0)
  }

  @Test("A step table that cycles is reported instead of spun on")
  func cyclingTableIsBounded() {
    // Like Linux 5.18 on a blocked arc: the steps keep landing on states the
    // device lacks, so the skip loop never finds a supported one.
    let cycling: (MigrationState, MigrationState) -> MigrationState? = { current, _ in
      current == .runningP2P ? .preCopyP2P : .runningP2P
    }
    #expect(throws: MigrationTransitionError.noProgress(from: .running, to: .stop)) {
      try MigrationStateMachine.nextStep(from: .running, to: .stop, supported: .stopCopy, table: cycling)
    }
    let pingPong: (MigrationState, MigrationState) -> MigrationState? = { current, _ in
      current == .running ? .stop : .running
    }
    #expect(throws: MigrationTransitionError.noProgress(from: .running, to: .resuming)) {
      try MigrationStateMachine.path(from: .running, to: .resuming, supported: .stopCopy, table: pingPong)
    }
  }

  @Test("Arcs open and close the data session where the header says")
  func sessionEffects() {
    for (from, to) in DocumentedMigrationArcs.listed {
      let expected: MigrationSessionEffect =
        DocumentedMigrationArcs.opening.contains { $0 == (from, to) } ? .opens
        : DocumentedMigrationArcs.closing.contains { $0 == (from, to) } ? .closes : .none
      #expect(MigrationStateMachine.sessionEffect(from: from, to: to) == expected, "\(from) -> \(to)")
    }
  }

  @Test("Names round-trip")
  func names() {
    for state in Self.states {
      #expect(MigrationState(name: state.description) == state)
    }
    #expect(MigrationState(name: "9") == MigrationState(rawValue: 9))
    #expect(MigrationState(rawValue: 9).description == "unknown(9)")
    #expect(MigrationState(name: "sideways") == nil)
    #expect(MigrationFlags(names: "stop-copy,p2p,pre-copy") == [.stopCopy, .p2p, .preCopy])
    #expect(MigrationFlags(names: "VFIO_MIGRATION_P2P") == .p2p)
    #expect(MigrationFlags(names: "warp") == nil)
    #expect(MigrationFlags([.stopCopy, .p2p]).names == "stop-copy,p2p")
    #expect(MigrationFlags(rawValue: 0x9).names == "stop-copy,0x8")
    #expect(MigrationFlags(names: MigrationFlags(rawValue: 7).names) == MigrationFlags(rawValue: 7))
  }

  @Test("Every flags value the printer writes, unknown bits and none included, parses back to itself")
  func flagNamesRoundTrip() {
    var values: [UInt64] = Array(0...0x3ff) + [1 << 31, 1 << 32, 1 << 63, UInt64.max]
    var generator = SplitMix64(seed: 0xF1A6)
    for _ in 0..<4096 { values.append(generator.next()) }
    for raw in values {
      let flags = MigrationFlags(rawValue: raw)
      #expect(MigrationFlags(names: flags.names) == flags, "\(flags.names)")
    }
    #expect(MigrationFlags(names: "none,p2p") == nil)
    #expect(MigrationFlags(names: "0xzz") == nil)
  }
}
