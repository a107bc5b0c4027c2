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

  /// Runs every argument list at once (file arguments must be absolute paths) and waits for all of them. Output goes to files, never pipes, so
  /// a chatty run cannot block on a full pipe while another is being waited for. `posix_spawn` rather
  /// than Foundation's `Process`, which costs tens of milliseconds per launch closing descriptors.
  func run(_ invocations: [[String]], in directory: URL) throws(ABIError) -> [Output] {
    var running: [(pid: pid_t, out: String, err: String)] = []
    for (index, arguments) in invocations.enumerated() {
      let out = directory.appendingPathComponent("run\(index).out").path
      let err = directory.appendingPathComponent("run\(index).err").path
      running.append((try spawn(arguments, stdout: out, stderr: err), out, err))
    }
    return running.map { pid, out, err in
      var status: Int32 = 0
      while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
      let exited = status & 0x7f == 0
      return Output(
        status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
        stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
  }

  private func spawn(_ arguments: [String], stdout: String, stderr: String) throws(ABIError)
    -> pid_t
  {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([executable] + arguments).map { strdup($0) }
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = (argv + [nil]).withUnsafeBufferPointer { pointers -> Int32 in
      guard let base = pointers.baseAddress else { return EINVAL }
      return posix_spawn(&pid, executable, &actions, nil, base, environ)
    }
    guard result == 0 else { throw .clangNotFound }
    return pid
  }
}
