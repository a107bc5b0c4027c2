import Glibc

/// Work that makes more work, on worker threads. What a worker adds is taken before anything that was
/// waiting, so work is done soon after it is made (what it holds is not kept for long), and a worker
/// that finds nothing waiting while another may still add items waits for them instead of ending, so
/// work added last is spread over every thread rather than left to the one that made it.
///
/// Tree mode's use: each chunk of headers settles most of them and leaves the rest, with their
/// `-E -dD` texts, to be dumped. Dumped chunk by chunk, the last chunk's dumps ran on one core while
/// the other idled: the last half second of a four-second run on Debian's 6.1 → 7.2 trees.
final class WorkQueue<Item: Sendable>: @unchecked Sendable {
  // @unchecked: `waiting` and `taken` are only reached with `mutex` held.
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let changed: UnsafeMutablePointer<pthread_cond_t>
  /// The items not yet taken, the next one last; an item is dropped once taken.
  private var waiting: [Item]
  /// Items taken whose work has not ended: while any is, more items may come.
  private var taken = 0

  init(_ items: [Item]) {
    // On the heap for the reason `Locked`'s mutex is: each must keep its address once initialised.
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
    changed = .allocate(capacity: 1)
    changed.initialize(to: pthread_cond_t())
    pthread_cond_init(changed, nil)
    waiting = items.reversed()
  }

  deinit {
    pthread_cond_destroy(changed)
    changed.deinitialize(count: 1)
    changed.deallocate()
    pthread_mutex_destroy(mutex)
    mutex.deinitialize(count: 1)
    mutex.deallocate()
  }

  /// Queues `more`, in order, before every item waiting; called from inside `run`'s body.
  func add(_ more: [Item]) {
    guard !more.isEmpty else { return }
    pthread_mutex_lock(mutex)
    waiting.append(contentsOf: more.reversed())
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  /// Runs `body` on every item, those `body` adds included, on up to `workers` threads; returns when
  /// every item's `body` has returned. Fewer threads run when the system refuses some; when it
  /// refuses all, no item is worked on (the caller finds their results missing), as ``ParallelMap``.
  func run(workers: Int, _ body: @escaping @Sendable (Item) -> Void) {
    let work: @Sendable () -> Void = {
      while let item = self.take() {
        body(item)
        self.finish()
      }
    }
    var threads: [WorkerThread] = []
    for _ in 0..<max(1, workers) {
      guard let thread = WorkerThread(stackSize: LargeStack.size, work) else { break }
      threads.append(thread)
    }
    threads.forEach { $0.join() }
  }

  /// The next item; nil once none waits and none taken can add more.
  private func take() -> Item? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while waiting.isEmpty && taken > 0 { pthread_cond_wait(changed, mutex) }
    guard let item = waiting.popLast() else { return nil }
    taken += 1
    return item
  }

  private func finish() {
    pthread_mutex_lock(mutex)
    taken -= 1
    // The last taken item ending with nothing waiting lets every waiting worker end.
    if taken == 0 { pthread_cond_broadcast(changed) }
    pthread_mutex_unlock(mutex)
  }
}
