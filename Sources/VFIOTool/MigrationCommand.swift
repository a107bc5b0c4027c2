import ArgumentParser
import VFIO

struct MigrationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migration",
    abstract: "The v2 migration state machine.",
    subcommands: [MigrationPathCommand.self]
  )
}

struct MigrationPathCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "path",
    abstract: "Print the arcs the kernel walks for a migration state change.",
    discussion: """
      A driver sees a combination transition as single arcs, and states the device \
      does not support are skipped. States: error, stop, running, stop-copy, resuming, \
      running-p2p, pre-copy, pre-copy-p2p (or the C names, or raw numbers). \
      Exit codes: 0 the path is printed, 1 the state machine refuses the change (the reason on \
      standard error), 64 a usage error.
      """
  )

  @Option(help: ArgumentHelp("The device's current state.", valueName: "state"))
  var from: StateArgument

  @Option(help: ArgumentHelp("The requested state.", valueName: "state"))
  var to: StateArgument

  @Option(help: ArgumentHelp(
    "The device's migration flags: a comma-separated list of stop-copy, p2p, pre-copy.", valueName: "flags"))
  var flags = FlagsArgument([.stopCopy, .p2p, .preCopy])

  func run() throws {
    let current = from.state, target = to.state, supported = flags.flags
    let path: [MigrationState]
    do {
      path = try MigrationStateMachine.path(from: current, to: target, supported: supported)
    } catch {
      printError("\(current) -> \(target) with flags \(supported.names): \(error)")
      throw ExitCode.failure
    }
    print("\(current) -> \(target) with flags \(supported.names): \(path.count) arc\(path.count == 1 ? "" : "s")")
    for (arcFrom, arcTo) in zip([current] + path, path) {
      let session =
        switch MigrationStateMachine.sessionEffect(from: arcFrom, to: arcTo) {
        case .opens: "  (opens a data fd)"
        case .closes: "  (closes the data fd)"
        case .none: ""
        }
      print("  \(arcFrom) -> \(arcTo)\(session)")
    }
  }
}
