#if canImport(Glibc)
import Glibc
#endif

/// A value behind a pthread mutex. Not Synchronization's `Mutex`: on Linux that one waits on a
/// futex ThreadSanitizer cannot see, so every access it guards would be reported as a race.
final class Locked<Value: ~Copyable>: @unchecked Sendable {
  // Unchecked: `value` is only reached inside withLock, with the mutex held. The mutex lives at a
  // fixed address of its own, as POSIX requires of a mutex in use.
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var value: Value

  init(_ value: consuming Value) {
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
    self.value = value
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body(&value)
  }
}
