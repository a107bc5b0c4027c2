import CVFIOOracle
import Testing
import VFIO

@Suite("v1 device_state against the C macros")
struct MigrationStateV1OracleTests {
  /// Counts the inputs on which any of isValid, isError, settingError() differs from
  /// VFIO_DEVICE_STATE_VALID, _IS_ERROR, _SET_ERROR; keeps the first few for the message.
  /// A plain loop over an array: the test runs unoptimised, and generic iteration
  /// would cost more than the comparisons.
  static func mismatches(_ values: [UInt32]) -> (checked: Int, mismatched: [UInt32]) {
    var mismatched: [UInt32] = []
    for raw in values {
      let state = MigrationStateV1(rawValue: raw)
      if state.isValid != (cvfio_oracle_v1_state_valid(raw) != 0)
        || state.isError != (cvfio_oracle_v1_state_is_error(raw) != 0)
        || state.settingError().rawValue != cvfio_oracle_v1_state_set_error(raw)
      {
        if mismatched.count < 10 { mismatched.append(raw) }
      }
    }
    return (values.count, mismatched)
  }

  @Test("Every value 0...0xFFFF")
  func everySixteenBitValue() {
    let result = Self.mismatches(Array(0...0xFFFF))
    #expect(result.mismatched.isEmpty, "first mismatches: \(result.mismatched)")
    print("compared \(result.checked) device_state values 0...0xFFFF with VALID/IS_ERROR/SET_ERROR")
  }

  @Test("One million random 32-bit values")
  func randomValues() {
    let seed: UInt64 = 0x5EED_0F_F1F0
    var generator = SplitMix64(seed: seed)
    var values = [UInt32](repeating: 0, count: 1 << 20)
    for index in values.indices { values[index] = UInt32(truncatingIfNeeded: generator.next()) }
    let result = Self.mismatches(values)
    #expect(result.mismatched.isEmpty, "first mismatches: \(result.mismatched)")
    print("compared \(result.checked) random device_state values (seed 0x\(String(seed, radix: 16))) with the C macros")
  }

  static let boundaries: [UInt32] = {
    let high: [UInt32] = [0, 8, 0x10, 0x7FFF_FFF8, 0x8000_0000, 0x8000_0008, 0xFFFF_0000, 0xFFFF_FFF8]
    return high.flatMap { base in (0...7).map { base | $0 } } + [0xFFFF_FFFF, UInt32.max - 7]
  }()

  @Test("Boundaries: each protocol state under reserved bits", arguments: boundaries)
  func boundary(_ raw: UInt32) {
    let state = MigrationStateV1(rawValue: raw)
    #expect(state.isValid == (cvfio_oracle_v1_state_valid(raw) != 0))
    #expect(state.isError == (cvfio_oracle_v1_state_is_error(raw) != 0))
    #expect(state.settingError().rawValue == cvfio_oracle_v1_state_set_error(raw))
  }

  @Test("Bits and mask are the header's")
  func bits() throws {
    #expect(UInt64(MigrationStateV1.stop.rawValue) == (try oracle("v1.stop")))
    #expect(UInt64(MigrationStateV1.running.rawValue) == (try oracle("v1.running")))
    #expect(UInt64(MigrationStateV1.saving.rawValue) == (try oracle("v1.saving")))
    #expect(UInt64(MigrationStateV1.resuming.rawValue) == (try oracle("v1.resuming")))
    #expect(UInt64(MigrationStateV1.mask.rawValue) == (try oracle("VFIO_DEVICE_STATE_MASK")))
    // 5.8-5.17 headers name the bits VFIO_DEVICE_STATE_*; 5.18 renamed them VFIO_DEVICE_STATE_V1_*.
    let renamed = headerIntegers["VFIO_DEVICE_STATE_V1_RUNNING"] != nil
    #expect((cvfio_oracle_v1_state_names_are_v1 == 1) == renamed)
    print("header \(HeaderGeneration.current): v1 bits named \(renamed ? "VFIO_DEVICE_STATE_V1_*" : "VFIO_DEVICE_STATE_* (before the 5.18 rename)")")
  }

  @Test("The header's own VFIO_DEVICE_STATE_SET_ERROR compiles, or is the 5.8-5.17 one with the typo")
  func setErrorAsShipped() throws {
    let source = "#include <linux/vfio.h>\nunsigned f(unsigned s) { return VFIO_DEVICE_STATE_SET_ERROR(s); }\n"
    let compiles = (try? Toolchain.clang(["-fsyntax-only"], source: source)) != nil
    // The oracle expands the header's macro, supplying only the misspelt VFIO_DEVICE_SATE_SAVING.
    #expect(compiles == (cvfio_oracle_v1_set_error_needs_typo_fix == 0))
    if !compiles {
      print("header \(HeaderGeneration.current): VFIO_DEVICE_STATE_SET_ERROR does not compile as shipped (VFIO_DEVICE_SATE_SAVING); checked with the typo's obvious meaning")
    }
  }

  @Test("RUNNING is 1 in v1 and 2 in v2")
  func runningTrap() throws {
    let v1 = try oracle("v1.running")
    // A header before 5.18 has no v2 enum (its VFIO_DEVICE_STATE_RUNNING is the v1 bit): the v2
    // value is then the newest generation's, as CVFIO supplies it.
    let newest = try #require(baselineIntegers.last?.integers["VFIO_DEVICE_STATE_RUNNING"])
    let v2 = oracleMigration["VFIO_DEVICE_STATE_RUNNING"] ?? UInt64(newest)
    #expect(UInt64(MigrationStateV1.running.rawValue) == v1)
    #expect(UInt64(MigrationState.running.rawValue) == v2)
    #expect(v1 != v2)
  }

  @Test("Named states: the error state is SET_ERROR of stop; 101b and 111b are invalid")
  func namedStates() {
    #expect(MigrationStateV1.error.rawValue == cvfio_oracle_v1_state_set_error(0))
    #expect(cvfio_oracle_v1_state_is_error(MigrationStateV1.error.rawValue) != 0)
    let named: [MigrationStateV1] = [.stop, .running, .stopAndCopy, .preCopy, .resuming]
    for state in named {
      #expect(cvfio_oracle_v1_state_valid(state.rawValue) != 0, "\(state)")
    }
    // A value has a name exactly when the macros call it valid or the error state.
    for raw in UInt32(0)...7 {
      let state = MigrationStateV1(rawValue: raw)
      let cAccepts = cvfio_oracle_v1_state_valid(raw) != 0 || cvfio_oracle_v1_state_is_error(raw) != 0
      #expect((named.contains(state) || state == .error) == cAccepts, "\(state)")
    }
  }

  @Test("Applying a state changes bits 0-2 only")
  func applyingKeepsReservedBits() throws {
    let mask = UInt32(try oracle("VFIO_DEVICE_STATE_MASK"))
    var generator = SplitMix64(seed: 0xA5A5)
    var checked = 0
    var broken = 0
    for _ in 0..<4096 {
      let read = MigrationStateV1(rawValue: UInt32(truncatingIfNeeded: generator.next()))
      for target in 0...mask {
        let written = read.applying(MigrationStateV1(rawValue: target | ~mask))
        if (written.rawValue ^ read.rawValue) & ~mask != 0 || written.rawValue & mask != target {
          broken += 1
        }
        checked += 1
      }
    }
    #expect(broken == 0)
    print("applied \(checked) v1 states to random device words; reserved bits kept in all")
  }
}
