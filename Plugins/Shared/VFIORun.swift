import Foundation
import PackagePlugin

/// Running the `vfio` tool from a command plugin: its output passed through, its exit status kept.
enum VFIORun {
  /// Runs `tool` with `arguments` in `directory`, its standard output and error the plugin's own,
  /// and returns its exit status.
  static func run(_ tool: URL, _ arguments: [String], in directory: URL) throws -> Int32 {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    process.currentDirectoryURL = directory
    try process.run()
    process.waitUntilExit()
    // A signal is reported as a failure to check, not as a verdict.
    return process.terminationReason == .exit ? process.terminationStatus : 2
  }

  /// Runs `tool` and returns what it printed on standard output; its standard error is the plugin's.
  static func output(_ tool: URL, _ arguments: [String], in directory: URL) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    // Read before waiting: a manifest larger than the pipe's buffer would otherwise block the child.
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationReason == .exit ? process.terminationStatus : 2, data)
  }

  /// Ends the plugin with `vfio`'s exit status: SwiftPM then fails the command (its own exit status is 1
  /// whatever the plugin's), after the line that names the verdict.
  static func exit(with status: Int32, command: String) -> Never {
    if status != 0 {
      let meaning = status == 1 ? "binary-breaking (source-breaking too with --api)" : status == 2 ? "could not check" : "usage error"
      Diagnostics.error("\(command) exited with \(status): \(meaning)")
    }
    Foundation.exit(status)
  }
}
