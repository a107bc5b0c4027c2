import Testing
import VFIO

/// One option set's round trip, for a parameterized test over every type.
struct FlagRoundTrip: Sendable, CustomTestStringConvertible {
  let type: String
  let check: @Sendable (inout SplitMix64) -> [String]
  var testDescription: String { type }

  init<Flags: NamedFlags>(_: Flags.Type) {
    type = "\(Flags.self)"
    check = { generator in
      var failures: [String] = []
      var values: [Flags.RawValue] = [0, .max] + Flags.flagNames.map(\.value.rawValue)
      for bit in 0..<Flags.RawValue.bitWidth { values.append(1 << bit) }
      for _ in 0..<2048 { values.append(Flags.RawValue(truncatingIfNeeded: generator.next())) }
      for raw in values {
        let flags = Flags(rawValue: raw)
        if Flags(names: flags.names) != flags { failures.append("\(raw) → \(flags.names)") }
      }
      for flag in Flags.flagNames {
        for spelling in [flag.kebabCaseName, flag.swiftName, flag.cName] where Flags(names: spelling) != flag.value {
          failures.append("\(spelling) does not name \(flag.swiftName)")
        }
      }
      return failures
    }
  }
}

@Suite("Every option set and state prints names its parser reads back")
struct NameRoundTripTests {
  static let flagTypes: [FlagRoundTrip] = [
    .init(DMAMapFlags.self), .init(DMAUnmapFlags.self), .init(DeviceBindFlags.self), .init(DeviceFeatureFlags.self),
    .init(DeviceInfoFlags.self), .init(DirtyPagesFlags.self), .init(GFXPlaneFlags.self), .init(GroupStatusFlags.self),
    .init(IOEventFDFlags.self), .init(IOMMUInfoFlags.self), .init(IRQInfoFlags.self), .init(IRQSetFlags.self),
    .init(MigrationFlags.self), .init(PCIAtomicCompletionFlags.self), .init(PCIHotResetFlags.self),
    .init(PageTableAttachFlags.self), .init(PageTableDetachFlags.self), .init(PrecopyInfoFlags.self),
    .init(RegionInfoFlags.self), .init(SPAPRInfoFlags.self),
  ]

  @Test("x == init(names: x.names), unknown bits included; every flag by its kebab, Swift and C name",
    arguments: flagTypes)
  func flags(_ type: FlagRoundTrip) {
    var generator = SplitMix64(seed: 0x4E41_4D45)
    let failures = type.check(&generator)
    #expect(failures.isEmpty, "\(failures.prefix(5))")
  }

  @Test("Names that are not flags are refused")
  func refusals() {
    #expect(IRQInfoFlags(names: "") == nil)
    #expect(IRQInfoFlags(names: "none,eventfd") == nil)
    #expect(IRQInfoFlags(names: "resizable") == nil)
    #expect(DeviceBindFlags(names: "0x1ffffffff") == nil, "a bit above the 32-bit field")
    #expect(IRQInfoFlags(names: "no-resize,0x40") == IRQInfoFlags.noResize.union(IRQInfoFlags(rawValue: 0x40)))
  }

  @Test("Every v2 state, known or not, reads back from its description")
  func states() {
    for raw in UInt32(0)...300 {
      let state = MigrationState(rawValue: raw)
      #expect(MigrationState(name: state.description) == state, "\(state)")
    }
    #expect(MigrationState(name: "\(MigrationState(rawValue: .max))") == MigrationState(rawValue: .max))
  }
}
