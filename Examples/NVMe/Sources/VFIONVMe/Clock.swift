#if canImport(Glibc)
import Glibc
#endif

/// Monotonic nanoseconds, for bounding waits and timing I/O (clock_gettime is a vDSO call, cheap
/// enough to read between polls of a completion queue).
func monotonicNanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
