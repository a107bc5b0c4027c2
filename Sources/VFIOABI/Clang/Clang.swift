import Foundation

/// The clang that ships with the Swift toolchain, run on generated translation units.
struct Clang: Sendable {
  let executable: String

  /// `clang` next to the `swift` found on `PATH` (symlinks resolved); otherwise `$VFIO_CLANG`.
  static func locate(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(ABIError) -> Clang
  {
    let files = FileManager.default
    for directory in (environment["PATH"] ?? "").split(separator: ":") {
      let swift = URL(fileURLWithPath: String(directory)).appendingPathComponent("swift")
      guard files.isExecutableFile(atPath: swift.path) else { continue }
      let clang = swift.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("clang")
      if files.isExecutableFile(atPath: clang.path) { return Clang(executable: clang.path) }
      break
    }
    if let configured = environment["VFIO_CLANG"], files.isExecutableFile(atPath: configured) {
      return Clang(executable: configured)
    }
    throw .clangNotFound
  }

  /// The output of one clang run.
  struct Output: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String

    /// clang's first `error:` line, or its first line of output when there is none.
    var firstError: String {
      let lines = stderr.split(separator: "\n")
      let line = lines.first(where: { $0.contains("error:") }) ?? lines.first ?? "clang exited with \(status)"
      return String(line)
    }
  }

  /// Runs every argument list at once and waits for all of them. Output goes to files, never pipes, so
  /// a chatty run cannot block on a full pipe while another is being waited for.
  func run(_ invocations: [[String]], in directory: URL) throws(ABIError) -> [Output] {
    var running: [(Process, URL, URL)] = []
    for (index, arguments) in invocations.enumerated() {
      let out = directory.appendingPathComponent("run\(index).out")
      let err = directory.appendingPathComponent("run\(index).err")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      process.currentDirectoryURL = directory
      do {
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
      } catch {
        throw .clangNotFound
      }
      running.append((process, out, err))
    }
    return running.map { process, out, err in
      process.waitUntilExit()
      return Output(
        status: process.terminationStatus,
        stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
  }
}
