import FakeKernel
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Every public call of the device layer against a lying kernel: each generated case ends
/// in a typed error or the right result — never a trap, a spin or an untyped error.
@Suite("Fault injection")
struct FaultInjectionTests {
  static let scenarios: [Scenario] =
    DeviceScenarios.all + PCIScenarios.all + ContextScenarios.all + IOMMUFDScenarios.all + MigrationScenarios.v2
      + MigrationScenarios.v1 + InspectScenarios.all

  /// FAULT_TRACE=1 names each case before it runs: the last name printed is the one that trapped.
  static let trace = getenv("FAULT_TRACE") != nil

  @Test(arguments: scenarios.map(\.call))
  func everyFaultEndsTyped(_ call: String) throws {
    let scenario = try #require(Self.scenarios.first { $0.call == call })
    for faultCase in scenario.cases {
      if Self.trace {
        let line = Array("fault case: \(faultCase)\n".utf8)
        _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
      }
      let verdict = faultCase.verdict()
      #expect(verdict == nil, "\(faultCase): \(verdict ?? "")")
    }
  }

  /// The table for the closing note: cases per public call.
  @Test func casesPerCall() {
    var total = 0
    var table = "fault-injection cases per public call:\n"
    for scenario in Self.scenarios {
      let count = scenario.cases.count
      total += count
      table += "  \(count)\t\(scenario.call)\n"
    }
    table += "  \(total)\ttotal over \(Self.scenarios.count) calls"
    print(table)
    #expect(Self.scenarios.allSatisfy { $0.cases.count >= 2 || $0.baseline.isEmpty })
  }
}
