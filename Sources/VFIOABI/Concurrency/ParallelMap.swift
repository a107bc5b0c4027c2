import FoundationEssentials

/// Maps items on as many worker threads as there are cores (or fewer), results in input order. Each
/// worker takes the next unclaimed item, so one slow header does not hold up the others.
enum ParallelMap {
  static func run<Item: Sendable, Value: Sendable>(
    _ items: [Item], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
    _ body: @escaping @Sendable (Item) throws(ABIError) -> Value
  ) -> [Result<Value, ABIError>] {
    let state = SharedState<Value>(count: items.count)
    let work: @Sendable () -> Void = {
      while let index = state.claim() {
        state.set(index, Result { () throws(ABIError) in try body(items[index]) })
      }
    }
    var threads: [WorkerThread] = []
    for _ in 0..<max(1, min(workers, items.count)) {
      guard let thread = WorkerThread(stackSize: LargeStack.size, work) else { break }
      threads.append(thread)
    }
    // Items no thread could be started for are left unclaimed and reported as such.
    threads.forEach { $0.join() }
    return state.results()
  }
}

extension ParallelMap {
  /// Items per chunk at most: for headers, how many one clang process compiles — enough to make
  /// starting clang a small part of the cost, few enough that every worker gets several chunks.
  static let chunkLimit = 48

  /// Items per chunk for `total` items on `workers` threads: at most ``chunkLimit``, and at least four
  /// chunks per worker when there are enough items.
  static func chunkSize(total: Int, workers: Int) -> Int {
    max(1, min(chunkLimit, total / max(1, 4 * workers)))
  }

  /// `body` over chunks of each group on `workers` threads, the results flattened in order; a chunk
  /// never mixes groups (one tree's headers, or the other's).
  static func inChunks<Item: Sendable, Value: Sendable>(
    _ groups: [[Item]], workers: Int, _ body: @escaping @Sendable ([Item]) -> [Result<Value, ABIError>]
  ) -> [Result<Value, ABIError>] {
    let size = chunkSize(total: groups.reduce(0) { $0 + $1.count }, workers: workers)
    let chunks = groups.flatMap { items in
      stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }
    let results = ParallelMap.run(chunks, workers: workers) { chunk throws(ABIError) in body(chunk) }
    return zip(chunks, results).flatMap { chunk, result -> [Result<Value, ABIError>] in
      switch result {
      case .success(let values) where values.count == chunk.count: values
      case .success: chunk.map { _ in .failure(.processFailed("a chunk's results went missing")) }
      case .failure(let error): chunk.map { _ in .failure(error) }
      }
    }
  }
}

private final class SharedState<Value: Sendable>: Sendable {
  private struct Slots {
    var next = 0
    var results: [Result<Value, ABIError>?]
  }
  private let slots: Locked<Slots>

  init(count: Int) { slots = Locked(Slots(results: Array(repeating: nil, count: count))) }

  func claim() -> Int? {
    slots.withLock { slots in
      guard slots.next < slots.results.count else { return nil }
      defer { slots.next += 1 }
      return slots.next
    }
  }

  func set(_ index: Int, _ result: Result<Value, ABIError>) { slots.withLock { $0.results[index] = result } }

  func results() -> [Result<Value, ABIError>] {
    slots.withLock { $0.results.map { $0 ?? .failure(.processFailed("a worker thread ended early")) } }
  }
}
