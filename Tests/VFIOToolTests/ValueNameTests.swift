import Testing
import VFIOABI
@testable import VFIOTool

/// Every option's value name reads as what to type, in the usage line of each `abi` command.
@Suite("value names")
struct ValueNameTests {
  @Test("abi dump, diff and check name -I's value <dir>, --target's <arch>")
  func includeIsADirectory() {
    for usage in [ABIDumpCommand.usageString(), ABIDiffCommand.usageString(), ABICheckCommand.usageString()] {
      #expect(usage.contains("[-I <dir> ...]"), "\(usage)")
      #expect(usage.contains("[--target <arch>]"), "\(usage)")
    }
    #expect(ABICheckCommand.usageString().contains("[--header <header>]"))
    #expect(ABIDiffCommand.usageString().contains("[--under <dir> ...] [--jobs <count>]"))
  }
}

/// `vfio abi check` names the baseline it compared against, in its first line and on the old side.
@Suite("vfio abi check")
struct ABICheckBaselineTests {
  @Test("the baseline's name: generation, Linux version and target; the old side is the baseline")
  func baselineIsNamed() throws {
    let (manifest, name) = ABICheckCommand.named(try ABIBaseline.select(for: "6.12"))
    #expect(name == "vfio-6.12 (Linux 6.12, x86_64-linux-gnu)")
    #expect(manifest.header == "vfio-6.12 baseline")
    #expect(ABIReport(try ABIDiff(comparing: manifest, with: manifest)).text(colour: false)
      .contains("vfio-6.12 baseline (x86_64-linux-gnu)"))
  }
}
