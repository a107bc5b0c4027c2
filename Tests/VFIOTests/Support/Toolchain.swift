import Foundation
@testable import VFIOABI

/// Runs the C compiler that ships with the Swift toolchain, so tests can ask C
/// for the truth about a header instead of trusting hand-typed values.
enum Toolchain {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The clang the ABI engine uses: next to the `swift` that runs the tests, or `VFIO_CLANG`.
  static let clang: String = (try? Clang.locate().executable) ?? "clang"

  /// Runs `executable` and returns its standard output; throws with stderr on failure.
  @discardableResult
  static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    // A file, not a pipe: a child that fills one pipe while we drain the other would hang.
    let errorURL = FileManager.default.temporaryDirectory
      .appendingPathComponent("vfio-tests-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorURL) }
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errorURL)
    try process.run()
    let outputData = try output.fileHandleForReading.readToEnd() ?? Data()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let errorText = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
      throw Failure(
        description: "\(executable) \(arguments.joined(separator: " ")) failed: \(errorText)")
    }
    return String(decoding: outputData, as: UTF8.self)
  }

  /// Compiles C `source` with `flags` and runs it; returns what it prints.
  static func compileAndRun(_ source: String, flags: [String] = []) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vfio-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("probe.c")
    let binary = directory.appendingPathComponent("probe")
    try source.write(to: file, atomically: true, encoding: .utf8)
    try run(clang, flags + ["-O0", "-w", file.path, "-o", binary.path])
    return try run(binary.path, [])
  }
}
