import Glibc

/// Writes a refusal or an error to standard error, one line: results go to standard output only.
func printError(_ message: String) {
  writeAll(Array((message + "\n").utf8), to: STDERR_FILENO)
}

/// Writes `bytes` to a descriptor (`STDOUT_FILENO` for a result), past `print`'s buffer, as
/// Foundation's `FileHandle` did: the tool does not link Foundation, whose loading every run paid.
/// A reader that went away ends the writing (or the process, by `SIGPIPE`, as before).
func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
  bytes.withUnsafeBytes { buffer in
    var written = 0
    while written < buffer.count {
      let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return }
      written += count
    }
  }
}
