import Foundation
import Testing

/// `vfio abi` starts loading libclang before it parses its arguments: a process that exits while the
/// library loads tears it down under the loading thread (SIGSEGV or SIGABRT in 2–14 of 80 runs once).
/// Each way out that comes before any parse runs many times; `Benchmarks/early-exits.sh` runs 1,000.
@Suite("vfio abi early exits")
struct EarlyExitTests {
  static let runs = 60

  static func vfio() throws -> URL {
    try #require(Bundle.main.executableURL).deletingLastPathComponent().appendingPathComponent("vfio")
  }

  @Test(
    "Exits with its documented code, never a signal",
    arguments: [
      (["abi", "check", "--header", "/nonexistent/vfio-abi-missing.h"], 2),
      (["abi", "check", "--help"], 0),
      (["abi", "diff", "--no-such-option"], 64),
    ] as [([String], Int32)])
  func exitsCleanly(arguments: [String], expected: Int32) throws {
    let vfio = try Self.vfio()
    for _ in 0..<Self.runs {
      let process = Process()
      process.executableURL = vfio
      process.arguments = arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationReason == .exit, "\(arguments) ended by signal \(process.terminationStatus)")
      #expect(process.terminationStatus == expected, "\(arguments)")
      if process.terminationReason != .exit { return }
    }
  }
}
