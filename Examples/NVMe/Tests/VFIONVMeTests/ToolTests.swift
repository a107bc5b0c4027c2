import Foundation
import Testing

/// `vfio-nvme` as the VM suite runs it: a failure is exit status 1 and one line naming the error.
@Suite("vfio-nvme")
struct ToolTests {
  /// The tool SwiftPM built beside this test executable.
  static var tool: URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("vfio-nvme")
  }

  static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
  }

  @Test(
    "a device that is neither a PCI address nor a cdev path: exit 1, one line with the typed error",
    arguments: [["info", "sda"], ["read", "0000:00:04", "--lba", "0", "--blocks", "1", "--to", "/dev/null"],
      ["bench", "/dev/nvme0", "--qd", "1", "--threads", "1", "--mode", "poll", "--seconds", "1"], ["reset", "nvme0"]])
  func badDevice(_ arguments: [String]) throws {
    let (status, output, errors) = try Self.run(arguments)
    #expect(status == 1 && output.isEmpty)
    #expect(errors == "vfio-nvme: invalid argument: \(arguments[1]) is neither a PCI address nor a /dev/vfio/devices/ path\n")
  }
}
