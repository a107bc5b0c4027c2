import Foundation

/// The header generation and the clang these tests compile C with.
///
/// scripts/test.sh exports `VFIO_HEADER_GENERATION` and `VFIO_HEADER_INCLUDE_DIR`
/// (empty for the installed 6.1 header) so a C program compiled here reads the
/// same `<linux/vfio.h>` as the package under test.
enum HeaderToolchain {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// "6.1", "6.12", or nil when the tests were not started by scripts/test.sh.
  static var generation: String? { ProcessInfo.processInfo.environment["VFIO_HEADER_GENERATION"] }

  /// The include directory holding the package's `linux/vfio.h`, or nil for the installed header.
  static var includeDirectory: String? {
    guard let dir = ProcessInfo.processInfo.environment["VFIO_HEADER_INCLUDE_DIR"], !dir.isEmpty else { return nil }
    return dir
  }

  /// `-I<dir>` for the header the package was built against, first on the include path.
  static var includeFlags: [String] { includeDirectory.map { ["-I" + $0] } ?? [] }

  /// The clang of the Swift toolchain running the tests: `clang` next to `swift` on PATH.
  static func clang() throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for dir in path.split(separator: ":") {
      let swift = URL(fileURLWithPath: String(dir)).appendingPathComponent("swift")
      guard FileManager.default.isExecutableFile(atPath: swift.path) else { continue }
      let clang = swift.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("clang")
      if FileManager.default.isExecutableFile(atPath: clang.path) { return clang.path }
    }
    throw ToolError("no clang next to swift on PATH (\(path))")
  }

  /// Runs `executable` with `arguments`, feeding `input`; returns stdout, throws with stderr on failure.
  @discardableResult
  static func run(_ executable: String, _ arguments: [String], input: String = "") throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ToolError("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): "
        + String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Compiles `source` with the toolchain clang and `flags`, runs it, returns its stdout.
  static func compileAndRun(_ source: String, flags: [String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("vfio-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("probe.c"), binary = dir.appendingPathComponent("probe")
    try Data(source.utf8).write(to: file)
    try run(clang(), flags + ["-Werror", "-o", binary.path, file.path])
    return try run(binary.path, [])
  }
}

struct ToolError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
