import ArgumentParser

struct ABICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "abi",
    abstract: "Describe a UAPI header's ABI and check that a new header does not break an old one.",
    discussion: """
      Exit codes: 0 compatible or only source-breaking, 1 binary-breaking (or source-breaking with --api), \
      2 could not check (the reason is printed on one line).
      """,
    subcommands: [ABIDumpCommand.self, ABIDiffCommand.self, ABICheckCommand.self]
  )
}
