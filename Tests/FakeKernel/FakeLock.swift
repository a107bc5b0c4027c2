import Foundation

/// A value behind an `NSLock` (a pthread mutex) for tests and the fake kernel: ThreadSanitizer
/// sees pthread mutexes, while the Synchronization module's `Mutex` waits in futexes it cannot
/// see and has every access under it reported as a race.
public final class FakeLock<Value>: @unchecked Sendable {
  // @unchecked: `value` is only reached while `lock` is held.
  private let lock = NSLock()
  private var value: Value

  public init(_ value: Value) { self.value = value }

  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
