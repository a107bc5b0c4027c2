import Foundation

/// Maps items on as many worker threads as there are cores (or fewer), results in input order. Each
/// worker takes the next unclaimed item, so one slow header does not hold up the others.
enum ParallelMap {
  static func run<Item: Sendable, Value: Sendable>(
    _ items: [Item], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
    _ body: @escaping @Sendable (Item) throws(ABIError) -> Value
  ) -> [Result<Value, ABIError>] {
    let state = SharedState<Value>(count: items.count)
    let group = DispatchGroup()
    for _ in 0..<max(1, min(workers, items.count)) {
      group.enter()
      let thread = Thread {
        while let index = state.claim() {
          state.set(index, Result { () throws(ABIError) in try body(items[index]) })
        }
        group.leave()
      }
      thread.stackSize = LargeStack.size
      thread.start()
    }
    group.wait()
    return state.results()
  }
}

private final class SharedState<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private var slots: [Result<Value, ABIError>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func claim() -> Int? {
    lock.withLock {
      guard next < slots.count else { return nil }
      defer { next += 1 }
      return next
    }
  }

  func set(_ index: Int, _ result: Result<Value, ABIError>) { lock.withLock { slots[index] = result } }

  func results() -> [Result<Value, ABIError>] {
    lock.withLock { slots.map { $0 ?? .failure(.processFailed("a worker thread ended early")) } }
  }
}
