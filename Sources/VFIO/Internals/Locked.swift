#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A value only one thread at a time reaches, behind a pthread mutex.
///
/// Not the Synchronization module's `Mutex`: it waits in futexes ThreadSanitizer cannot see, so
/// every access made under it is reported as a race, and the package's concurrency could not be
/// proven. pthread mutexes are what ThreadSanitizer understands.
internal final class Locked<Value: ~Copyable>: @unchecked Sendable {
  // @unchecked: `value` is only reached between pthread_mutex_lock and unlock.
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
    mutex.deinitialize(count: 1)
    mutex.deallocate()
  }

  func withLock<Result: ~Copyable, Failure: Error>(
    _ body: (inout Value) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body(&value)
  }
}
