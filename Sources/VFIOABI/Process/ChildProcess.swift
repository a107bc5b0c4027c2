import Glibc

/// Programs run with `posix_spawn`, their output read through pipes. Foundation's `Process` and a
/// round trip through files leaked memory under LeakSanitizer and left files behind when killed; pipes
/// leave nothing on disk, and one `poll` loop drains every child so none blocks on a full pipe.
enum ChildProcess {
  /// The output of one finished child.
  struct Output: Sendable {
    let status: Int32
    let stdout: [UInt8]
    let stderr: [UInt8]
    /// What the child wrote to descriptor 3, when it was given one.
    let fd3: [UInt8]
  }

  /// One program to run: its arguments (the executable first), what to write to its stdin, and
  /// whether it gets a third output on descriptor 3 (`/dev/fd/3`), for output that must not mix with
  /// what it prints on stdout.
  struct Invocation: Sendable {
    var arguments: [String]
    var stdin: [UInt8] = []
    var fd3 = false
  }

  /// Beyond this much output from one child the run is abandoned: no header's dump comes near it, and
  /// a runaway child must not exhaust memory.
  static let outputLimit = 1 << 30

  /// Held while descriptors are made and a child spawned (see `Child.init`).
  static let spawnLock = Locked(())

  /// Runs every invocation at once and waits for all of them.
  static func run(_ invocations: [Invocation]) throws(ABIError) -> [Output] {
    var children: [Child] = []
    defer { children.forEach { $0.reap() } }
    for invocation in invocations { children.append(try Child(invocation)) }
    try pump(children)
    return children.map { $0.finish() }
  }

  /// Feeds stdins and drains stdouts and stderrs until every pipe is closed.
  private static func pump(_ children: [Child]) throws(ABIError) {
    while true {
      var descriptors: [pollfd] = []
      for child in children {
        if child.stdinFD >= 0 { descriptors.append(pollfd(fd: child.stdinFD, events: Int16(POLLOUT), revents: 0)) }
        if child.stdoutFD >= 0 { descriptors.append(pollfd(fd: child.stdoutFD, events: Int16(POLLIN), revents: 0)) }
        if child.stderrFD >= 0 { descriptors.append(pollfd(fd: child.stderrFD, events: Int16(POLLIN), revents: 0)) }
        if child.fd3FD >= 0 { descriptors.append(pollfd(fd: child.fd3FD, events: Int16(POLLIN), revents: 0)) }
      }
      if descriptors.isEmpty { return }
      let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
      if ready < 0 {
        if errno == EINTR { continue }
        throw .processFailed("poll: \(String(cString: strerror(errno)))")
      }
      for descriptor in descriptors where descriptor.revents != 0 {
        for child in children { try child.service(descriptor.fd) }
      }
    }
  }
}

/// One spawned child and the parent's ends of its pipes.
private final class Child {
  let pid: pid_t
  private(set) var stdinFD: Int32
  private(set) var stdoutFD: Int32
  private(set) var stderrFD: Int32
  private(set) var fd3FD: Int32 = -1
  private let input: [UInt8]
  private var written = 0
  private var out: [UInt8] = []
  private var err: [UInt8] = []
  private var extra: [UInt8] = []
  /// What one read takes, reused: a batch's JSON AST runs to tens of megabytes.
  private var chunk = [UInt8](repeating: 0, count: 1 << 18)
  private var status: Int32?

  init(_ invocation: ChildProcess.Invocation) throws(ABIError) {
    // Socket pairs for stdin, stdout and stderr: created close-on-exec in one call, so a child spawned
    // at the same time by another thread cannot inherit them, and writing to a child that stopped
    // reading fails with EPIPE (`MSG_NOSIGNAL`) instead of raising SIGPIPE here. Descriptor 3 is a
    // pipe, which the child can open by name (`/dev/fd/3`; a socket cannot be); `pipe` and close-on-exec
    // are two calls, so they and every spawn hold one lock. The child gets each first end.
    let spawned = try ChildProcess.spawnLock.withLock { () throws(ABIError) in try Self.spawn(invocation) }
    pid = spawned.pid
    input = invocation.stdin
    stdinFD = spawned.ends[0]
    stdoutFD = spawned.ends[1]
    stderrFD = spawned.ends[2]
    if invocation.fd3 { fd3FD = spawned.ends[3] }
    _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK)
    if input.isEmpty { closeStdin() }
  }

  /// Makes the child's descriptors and spawns it, with `spawnLock` held: the parent's ends of its
  /// stdin, stdout, stderr (and descriptor 3), in that order.
  private static func spawn(_ invocation: ChildProcess.Invocation) throws(ABIError) -> (pid: pid_t, ends: [Int32]) {
    var pipes: [[Int32]] = []
    for index in 0..<(invocation.fd3 ? 4 : 3) {
      var ends: [Int32] = [-1, -1]
      var made: Int32
      if index < 3 {
        made = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends)
      } else {
        made = pipe(&ends)
        if made == 0 {
          _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
          _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
          // The child writes to the pipe's write end; the parent reads the other.
          ends.swapAt(0, 1)
        }
      }
      guard made == 0 else {
        pipes.flatMap { $0 }.forEach { close($0) }
        throw .processFailed("socketpair: \(String(cString: strerror(errno)))")
      }
      pipes.append(ends)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0)
    posix_spawn_file_actions_adddup2(&actions, pipes[1][0], 1)
    posix_spawn_file_actions_adddup2(&actions, pipes[2][0], 2)
    if invocation.fd3 { posix_spawn_file_actions_adddup2(&actions, pipes[3][0], 3) }
    let argv = invocation.arguments.map { strdup($0) }
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = (argv + [nil]).withUnsafeBufferPointer { pointers -> Int32 in
      guard let base = pointers.baseAddress, let program = base[0] else { return EINVAL }
      return posix_spawn(&pid, program, &actions, nil, base, environ)
    }
    pipes.forEach { close($0[0]) }
    guard result == 0 else {
      pipes.forEach { close($0[1]) }
      throw .processFailed("\(invocation.arguments.first ?? "?"): \(String(cString: strerror(result)))")
    }
    return (pid, pipes.map { $0[1] })
  }

  func service(_ fd: Int32) throws(ABIError) {
    if fd == stdinFD {
      let count = input.withUnsafeBytes { bytes in
        send(fd, bytes.baseAddress! + written, bytes.count - written, Int32(MSG_NOSIGNAL))
      }
      if count > 0 { written += count }
      if (count < 0 && errno != EAGAIN && errno != EINTR) || written == input.count { closeStdin() }
    } else if fd == stdoutFD {
      if try drain(fd, into: &out) { close(stdoutFD); stdoutFD = -1 }
    } else if fd == stderrFD {
      if try drain(fd, into: &err) { close(stderrFD); stderrFD = -1 }
    } else if fd == fd3FD {
      if try drain(fd, into: &extra) { close(fd3FD); fd3FD = -1 }
    }
  }

  /// Reads what is there; true at end of file.
  private func drain(_ fd: Int32, into buffer: inout [UInt8]) throws(ABIError) -> Bool {
    let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if count < 0 { return errno != EINTR && errno != EAGAIN }
    if count == 0 { return true }
    guard buffer.count + count <= ChildProcess.outputLimit else {
      kill(pid, SIGKILL)
      throw .processFailed("clang printed more than \(ChildProcess.outputLimit >> 20) MiB")
    }
    buffer.append(contentsOf: chunk[..<count])
    return false
  }

  private func closeStdin() {
    if stdinFD >= 0 { close(stdinFD) }
    stdinFD = -1
  }

  /// Waits for the child; closes what is still open, so an abandoned run leaves no zombie or descriptor.
  func reap() {
    closeStdin()
    if stdoutFD >= 0 { close(stdoutFD); stdoutFD = -1 }
    if stderrFD >= 0 { close(stderrFD); stderrFD = -1 }
    if fd3FD >= 0 { close(fd3FD); fd3FD = -1 }
    guard status == nil else { return }
    var raw: Int32 = 0
    while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
    let exited = raw & 0x7f == 0
    status = exited ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
  }

  func finish() -> ChildProcess.Output {
    reap()
    return ChildProcess.Output(status: status ?? -1, stdout: out, stderr: err, fd3: extra)
  }
}
