import Foundation
import SystemPackage
import Testing
import VFIO

/// Waiting for eventfds from async code, on the running kernel's eventfds.
@Suite("Async eventfd waits")
struct AsyncEventFDTests {
  @Test("a wait returns the count another thread signals, and a count already there at once")
  func signalled() async throws {
    let event = try VFIOEventFD()
    Thread {
      usleep(20_000)
      try? event.signal(3)
    }.start()
    #expect(try await event.wait() == 3)
    try event.signal(2)
    #expect(try await event.wait() == 2)
  }

  @Test("many more waiters than the cooperative pool has threads all wake")
  func manyWaiters() async throws {
    let count = 64
    let events = try (0..<count).map { _ throws(VFIOError) in try VFIOEventFD() }
    try await withThrowingTaskGroup(of: UInt64.self) { group in
      for event in events { group.addTask { try await event.wait() } }
      // Every waiter is suspended, none holds a thread: signalling from this task still runs.
      try await Task.sleep(for: .milliseconds(50))
      for (index, event) in events.enumerated() { try event.signal(UInt64(index + 1)) }
      var total: UInt64 = 0
      for try await count in group { total += count }
      #expect(total == UInt64(count * (count + 1) / 2))
    }
  }

  @Test("cancelling a waiting task ends its wait with ECANCELED")
  func cancelled() async throws {
    let event = try VFIOEventFD()
    let waiter = Task { try await event.wait() }
    try await Task.sleep(for: .milliseconds(20))
    waiter.cancel()
    let result = await waiter.result
    guard case .failure(let error) = result else {
      Issue.record("a cancelled wait returned \(result)")
      return
    }
    #expect((error as? VFIOError)?.errno == .canceled)
  }
}
