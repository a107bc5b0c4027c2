import Glibc

/// State only one thread at a time reaches, behind a pthread mutex, with a wait until the state is
/// ready (a pthread condition variable) for threads that need another's change first.
///
/// Not the Synchronization module's `Mutex`: it waits in futexes ThreadSanitizer cannot see, so every
/// access made under it is reported as a race and the engine's threads (libclang's preload, check's
/// two dumps, a split probe's halves, tree mode's workers) could not be checked. ThreadSanitizer
/// understands pthread mutexes and condition variables.
///
/// VFIO's `Locked` is the same lock without the wait. This target keeps its own rather than import VFIO: the engine
/// depends on CLibClang alone (`Package.swift`), and a lock of a few lines is no reason to make every
/// user of VFIOABI build and link the bindings.
final class Locked<State> {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  /// Signalled when the state changes while a thread waits in ``withLock(when:_:)``.
  private let changed: UnsafeMutablePointer<pthread_cond_t>
  private var state: State
  /// Threads waiting in ``withLock(when:_:)``: only then does a change wake anyone.
  private var waiters = 0

  init(_ state: State) {
    // On the heap, not a stored `pthread_mutex_t`: a mutex must keep its address once initialised,
    // and Swift promises no stable address for a stored property (`&` may pass a temporary). The
    // same holds for the condition variable.
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
    changed = .allocate(capacity: 1)
    changed.initialize(to: pthread_cond_t())
    pthread_cond_init(changed, nil)
    self.state = state
  }

  deinit {
    pthread_cond_destroy(changed)
    changed.deinitialize(count: 1)
    changed.deallocate()
    pthread_mutex_destroy(mutex)
    mutex.deinitialize(count: 1)
    mutex.deallocate()
  }

  func withLock<Result, Failure: Error>(_ body: (inout State) throws(Failure) -> Result) throws(Failure) -> Result {
    try withLock(when: { _ in true }, body)
  }

  /// `body` with the lock held, once `ready` holds of the state: until then the lock is released and
  /// the thread sleeps until another's ``withLock(_:)`` changes the state.
  func withLock<Result, Failure: Error>(
    when ready: (State) -> Bool, _ body: (inout State) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    pthread_mutex_lock(mutex)
    defer {
      if waiters > 0 { pthread_cond_broadcast(changed) }
      pthread_mutex_unlock(mutex)
    }
    while !ready(state) {
      waiters += 1
      pthread_cond_wait(changed, mutex)
      waiters -= 1
    }
    return try body(&state)
  }
}

extension Locked where State == Void {
  /// `body` with the lock held, for a lock that guards no state but a stretch of code.
  ///
  /// Not the general `withLock`: an empty `state` lies at the object's own address, so its `inout`
  /// access, which ThreadSanitizer records as a write, would collide with another thread's unlocked
  /// read of the object's header on its way to the lock (seen on `ChildProcess.spawnLock`).
  func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }
}

// @unchecked: `state` is only reached between pthread_mutex_lock and unlock, and only state that may
// cross threads may be shared this way.
extension Locked: @unchecked Sendable where State: Sendable {}
