extension ABIManifest {
  /// Runs `body` while the toolchain's libclang loads on another thread, and returns once both are done.
  ///
  /// A dump parses headers with libclang in this process. Loading it — the relocations and page faults
  /// of a large library — takes a few milliseconds, which `body` overlaps: a command-line tool wraps
  /// its argument parsing and its whole run, so that its first dump finds the library loaded.
  ///
  /// The load is awaited before this returns, whether `body` returns or throws: a process that exits
  /// while the library loads tears it down under the loading thread, which ended in SIGSEGV or SIGABRT.
  /// Exit the process after this returns, never inside `body`. Without the toolchain's clang or its
  /// libclang, it only runs `body`.
  public static func preloadingClang<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
    LibClang.preload()
    defer { LibClang.awaitPreloads() }
    return try body()
  }
}
