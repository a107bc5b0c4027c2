/// Runs work on a thread with a stack large enough for clang's deepest JSON: a header may nest
/// records a few hundred deep, and the threads of a concurrent pool have small stacks.
enum LargeStack {
  static let size = 256 << 20

  static func run<T: Sendable>(_ body: @escaping @Sendable () throws(ABIError) -> T) throws(ABIError) -> T {
    let box = ResultBox<T>()
    guard let thread = WorkerThread(stackSize: size, { box.result = Result { () throws(ABIError) in try body() } }) else {
      throw .processFailed("could not start a worker thread")
    }
    // Joining orders the worker's write before this read.
    thread.join()
    guard let result = box.result else { throw .processFailed("worker thread ended without a result") }
    return try result.get()
  }
}

/// One result handed from a worker thread to the one that joins it.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  var result: Result<T, ABIError>?
}
