/// Work that makes more work, on worker threads. What a worker adds is taken before anything that was
/// waiting, so work is done soon after it is made (what it holds is not kept for long), and a worker
/// that finds nothing waiting while another may still add items waits for them instead of ending, so
/// work added last is spread over every thread rather than left to the one that made it.
///
/// Tree mode's use: each chunk of headers settles most of them and leaves the rest, with their
/// `-E -dD` texts, to be dumped. Dumped chunk by chunk, the last chunk's dumps ran on one core while
/// the other idled: the last half second of a four-second run on Debian's 6.1 → 7.2 trees.
final class WorkQueue<Item: Sendable>: Sendable {
  private struct State {
    /// The items not yet taken, the next one last; an item is dropped once taken.
    var waiting: [Item]
    /// Items taken whose work has not ended: while any is, more items may come.
    var taken = 0
  }
  private let state: Locked<State>

  init(_ items: [Item]) { state = Locked(State(waiting: items.reversed())) }

  /// Queues `more`, in order, before every item waiting; called from inside `run`'s body.
  func add(_ more: [Item]) {
    guard !more.isEmpty else { return }
    state.withLock { $0.waiting.append(contentsOf: more.reversed()) }
  }

  /// Runs `body` on every item, those `body` adds included, on up to `workers` threads; returns when
  /// every item's `body` has returned. Fewer threads run when the system refuses some; when it
  /// refuses all, no item is worked on (the caller finds their results missing), as ``ParallelMap``.
  func run(workers: Int, _ body: @escaping @Sendable (Item) -> Void) {
    let work: @Sendable () -> Void = {
      while let item = self.take() {
        body(item)
        // The last taken item ending with nothing waiting lets every waiting worker end.
        self.state.withLock { $0.taken -= 1 }
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
    state.withLock(when: { !$0.waiting.isEmpty || $0.taken == 0 }) { state in
      guard let item = state.waiting.popLast() else { return nil }
      state.taken += 1
      return item
    }
  }
}
