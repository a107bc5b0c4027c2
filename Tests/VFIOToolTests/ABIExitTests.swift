import Testing
import VFIOABI
@testable import VFIOTool

@Suite("vfio abi exit codes")
struct ABIExitTests {
  static func manifest(_ macros: [(String, String)]) -> ABIManifest {
    ABIManifest(
      header: "h.h", target: "x86_64-linux-gnu", records: [], enumConstants: [],
      macros: macros.map { ABIMacro(name: $0.0, definition: $0.1, value: $0.1) })
  }

  @Test("A removed name is source-breaking: exit 0, and 1 with --api; a changed value is 1 either way")
  func sourceBreakingNeedsAPI() {
    let old = Self.manifest([("KEPT", "1"), ("GONE", "2")])
    let removed = ABIDiff(old: old, new: Self.manifest([("KEPT", "1")]))
    #expect(removed.verdict == .sourceBreaking)
    #expect(ABIOutput.code(removed, api: false) == .compatible)
    #expect(ABIOutput.code(removed, api: true) == .breaking)
    let renumbered = ABIDiff(old: old, new: Self.manifest([("KEPT", "3"), ("GONE", "2")]))
    #expect(renumbered.verdict == .binaryBreaking)
    #expect(ABIOutput.code(renumbered, api: false) == .breaking)
    let same = ABIDiff(old: old, new: old)
    #expect(ABIOutput.code(same, api: true) == .compatible)
  }
}
