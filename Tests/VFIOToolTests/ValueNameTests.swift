import Testing
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
