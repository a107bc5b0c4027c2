import FoundationEssentials
import Glibc

/// The clang that ships with the Swift toolchain, run on generated translation units.
struct Clang: Sendable {
  let executable: String

  /// `clang` next to the `swift` found on `PATH` (symlinks resolved); otherwise `$VFIO_CLANG`.
  static func locate(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(ABIError) -> Clang
  {
    // Plain system calls: this runs first on the thread that loads libclang, whose load `vfio abi
    // check`'s first parse waits for (URL and FileManager took about a millisecond).
    for directory in (environment["PATH"] ?? "").split(separator: ":") {
      let swift = String(directory) + "/swift"
      guard isExecutableFile(swift) else { continue }
      let clang = parent(of: realPath(swift) ?? swift) + "/clang"
      if isExecutableFile(clang) { return Clang(executable: clang) }
      break
    }
    if let configured = environment["VFIO_CLANG"], isExecutableFile(configured) {
      return Clang(executable: configured)
    }
    throw .clangNotFound
  }

  /// `path` absolute, with every symlink and `.`/`..` resolved; nil when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = Glibc.realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The directory that holds `path` (`/` for a file at the root, `.` for a bare name).
  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  private static func isExecutableFile(_ path: String) -> Bool {
    RegularFile.exists(at: path) && access(path, X_OK) == 0
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
