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
      running-p2p, pre-copy, pre-copy-p2p (or the C names, or raw numbers).
      """
  )

  @Option(help: "The device's current state.")
  var from: String

  @Option(help: "The requested state.")
  var to: String

  @Option(help: "The device's migration flags: a comma-separated list of stop-copy, p2p, pre-copy.")
  var flags = "stop-copy,p2p,pre-copy"

  func run() throws {
    guard let current = MigrationState(name: from) else { throw ValidationError("unknown state '\(from)'") }
    guard let target = MigrationState(name: to) else { throw ValidationError("unknown state '\(to)'") }
    guard let supported = MigrationFlags(names: flags) else {
      throw ValidationError("unknown migration flags '\(flags)' (expected stop-copy, p2p, pre-copy)")
    }
    let path: [MigrationState]
    do {
      path = try MigrationStateMachine.path(from: current, to: target, supported: supported)
    } catch {
      print("\(current) -> \(target) with flags \(supported.kebabCaseNames): \(error)")
      throw ExitCode.failure
    }
    print("\(current) -> \(target) with flags \(supported.kebabCaseNames): \(path.count) arc\(path.count == 1 ? "" : "s")")
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
