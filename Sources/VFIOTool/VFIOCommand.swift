import ArgumentParser
import VFIOABI

@main
struct VFIOCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vfio",
    abstract: "VFIO from the command line: ioctl numbers, header ABI checks, devices.",
    version: packageVersion,
    subcommands: [IoctlsCommand.self, ABICommand.self, MigrationCommand.self, InspectCommand.self]
  )

  /// `vfio abi` parses headers with libclang: its load starts before the arguments are parsed, so that
  /// it overlaps them, and has ended before the process exits, whatever the way out (`--help`, a
  /// usage error, a verdict).
  static func main() {
    guard CommandLine.arguments.dropFirst().first == "abi" else { return main(nil) }
    FreedMemory.keep()
    ParsesOnCallingThread.keep()
    OpenFileLimit.raise()
    let outcome = ABIManifest.preloadingClang { () -> Result<Void, any Error> in
      do {
        var command = try parseAsRoot()
        try command.run()
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    if case .failure(let error) = outcome { exit(withError: error) }
  }
}
