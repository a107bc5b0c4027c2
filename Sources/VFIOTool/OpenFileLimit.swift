import Glibc

enum OpenFileLimit {
  /// Raises the soft `RLIMIT_NOFILE` to the hard one. Tree mode hands each clang process a chunk of
  /// units, one descriptor each, and caps its chunks by this limit: the usual soft limit of 1024 caps
  /// them at 192 headers on two workers and 48 on eight, where the 901 headers Debian's 6.1 and 7.2
  /// trees share would take 226 and 57, each clang process costing about 10 ms to start. The soft limit
  /// is low for programs that still call `select`, which neither this process nor clang does.
  static func raise() {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
  }
}
