import Glibc

enum ParsesOnCallingThread {
  /// Has libclang parse on the thread that asks (`LIBCLANG_NOTHREADS`) instead of on a thread it
  /// starts for each parse. Every parse of `vfio abi` already runs on a worker thread whose stack (256
  /// MB) is larger than the 8 MB libclang's own thread gets, so that thread only adds cost: starting
  /// it, faulting in its stack, and glibc's `madvise` of that stack when it ends, which interrupts the
  /// other core to flush its TLB. Tree mode makes over a thousand parses, and took 3–6 % longer with
  /// those threads. Called before any thread starts, as `setenv` must be; a value the user set is kept.
  static func keep() {
    setenv("LIBCLANG_NOTHREADS", "1", 0)
  }
}
