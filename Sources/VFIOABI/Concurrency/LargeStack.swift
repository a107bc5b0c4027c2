import Foundation

/// Runs work on a thread with a stack large enough for clang's deepest JSON: a header may nest
/// records a few hundred deep, and the threads of a concurrent pool have small stacks.
enum LargeStack {
  static let size = 256 << 20

  static func run<T: Sendable>(_ body: @escaping @Sendable () throws(ABIError) -> T) throws(ABIError) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.result = Result { () throws(ABIError) in try body() }
      done.signal()
    }
    thread.stackSize = size
    thread.start()
    done.wait()
    guard let result = box.result else { throw .processFailed("worker thread ended without a result") }
    return try result.get()
  }
}

/// One result handed from a worker thread to the waiting one; the semaphore orders the accesses.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  var result: Result<T, ABIError>?
}
