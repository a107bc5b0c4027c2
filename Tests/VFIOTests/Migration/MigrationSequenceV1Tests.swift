import CVFIOOracle
import Testing
import VFIO

@Suite("v1 documented sequences and the transition check")
struct MigrationSequenceV1Tests {
  @Test("Every state of every sequence is valid to the C macro and not the error state")
  func sequencesUseValidStates() {
    for sequence in MigrationSequenceV1.allCases {
      for state in sequence.states {
        #expect(cvfio_oracle_v1_state_valid(state.rawValue) != 0, "\(sequence): \(state)")
        #expect(cvfio_oracle_v1_state_is_error(state.rawValue) == 0, "\(sequence): \(state)")
      }
      #expect(sequence.states.count >= 2)
    }
  }

  @Test("Each documented arc passes and names its sequences", arguments: MigrationSequenceV1.allCases)
  func documentedArcsPass(_ sequence: MigrationSequenceV1) throws {
    for arc in sequence.arcs {
      let sequences = try arc.from.checkTransition(to: arc.to)
      #expect(sequences.contains(sequence))
    }
  }

  /// Every pair of 3-bit states, the source carrying reserved bits as a device's word may.
  static let pairs: [(UInt32, UInt32)] = (UInt32(0)...7).flatMap { from in (UInt32(0)...7).map { (from, $0) } }

  @Test("Every pair of states gets the verdict the macros and the sequences give", arguments: pairs)
  func verdict(_ from: UInt32, _ to: UInt32) {
    let source = MigrationStateV1(rawValue: from | 0xC0DE_0000)
    let target = MigrationStateV1(rawValue: to)
    let expected: MigrationTransitionV1Error?
    if cvfio_oracle_v1_state_is_error(from) != 0 {
      expected = .deviceInError
    } else if cvfio_oracle_v1_state_valid(from) == 0 {
      expected = .invalidSource(source)
    } else if cvfio_oracle_v1_state_is_error(to) != 0 {
      expected = .errorIsNotATarget
    } else if cvfio_oracle_v1_state_valid(to) == 0 {
      expected = .invalidTarget(target)
    } else if from == to {
      expected = nil
    } else {
      let documented = MigrationSequenceV1.allCases.contains { sequence in
        sequence.arcs.contains { $0.from.rawValue == from && $0.to.rawValue == to }
      }
      expected = documented ? nil : .undocumentedArc(from: source.protocolBits, to: target)
    }
    do {
      try source.checkTransition(to: target)
      #expect(expected == nil)
    } catch {
      #expect(error == expected)
    }
  }

  @Test("The forbidden moves are named")
  func namedRefusals() {
    #expect(throws: MigrationTransitionV1Error.errorIsNotATarget) {
      try MigrationStateV1.running.checkTransition(to: .error)
    }
    #expect(throws: MigrationTransitionV1Error.deviceInError) {
      try MigrationStateV1.error.checkTransition(to: .running)
    }
    #expect(throws: MigrationTransitionV1Error.invalidTarget([.running, .resuming])) {
      try MigrationStateV1.running.checkTransition(to: [.running, .resuming])
    }
    #expect(throws: MigrationTransitionV1Error.undocumentedArc(from: .stopAndCopy, to: .preCopy)) {
      try MigrationStateV1.stopAndCopy.checkTransition(to: .preCopy)
    }
  }
}
