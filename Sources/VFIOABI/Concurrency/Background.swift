import Foundation

/// Work started on a thread of its own now and waited for later, so that a clang process and work in
/// this one overlap.
final class Background<Value: Sendable>: @unchecked Sendable {
  // @unchecked: `value` is written once on the worker thread before `done` is signalled, and read only
  // after waiting for it.
  private var value: Value?
  private let done = DispatchSemaphore(value: 0)

  init(_ body: @escaping @Sendable () -> Value) {
    Thread.detachNewThread {
      self.value = body()
      self.done.signal()
    }
  }

  /// The work's value, once it is done.
  func wait() -> Value? {
    done.wait()
    done.signal()
    return value
  }
}
