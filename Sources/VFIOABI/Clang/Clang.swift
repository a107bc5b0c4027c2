import FoundationEssentials
import Glibc

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

  /// One clang run: its arguments and the translation unit it reads from stdin.
  struct Run: Sendable {
    var arguments: [String]
    var source: [UInt8]
  }

  /// The output of one clang run.
  struct Output: Sendable {
    let status: Int32
    let stdout: [UInt8]
    let stderr: [UInt8]

    var firstError: String { Clang.firstError(stderr: stderr, status: status) }
  }

  /// clang's first `error:` line, or its first line of output when there is none.
  static func firstError(stderr: [UInt8], status: Int32) -> String {
    let lines = stderr.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    return lines.first(where: { $0.contains("error:") }) ?? lines.first ?? "clang exited with \(status)"
  }

  /// Runs every run at once (each reads its unit from stdin, `-x c -`) and waits for all of them.
  func run(_ runs: [Run]) throws(ABIError) -> [Output] {
    let invocations = runs.map {
      ChildProcess.Invocation(
        arguments: [executable] + $0.arguments + ["-x", "c", "-"], stdin: $0.source)
    }
    return try ChildProcess.run(invocations).map { Output(status: $0.status, stdout: $0.stdout, stderr: $0.stderr) }
  }
}
