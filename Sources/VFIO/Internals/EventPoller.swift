#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CVFIO
import SystemPackage

/// One thread of the package's own, blocked in `epoll_wait`, that resumes the tasks waiting for
/// a descriptor to become readable: async waits on eventfds cost no thread of Swift's
/// cooperative pool, however many there are and however long they wait.
internal final class EventPoller: Sendable {
  private enum Waiter {
    case waiting(CheckedContinuation<Void, Never>)
    case cancelled
  }

  static let shared: Result<EventPoller, Errno> = {
    let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    guard epoll >= 0 else { return .failure(Errno(rawValue: errno)) }
    let poller = EventPoller(epoll: epoll)
    var thread = pthread_t()
    let created = pthread_create(&thread, nil, { _ in
      if case .success(let poller) = EventPoller.shared { poller.run() }
      return nil
    }, nil)
    guard created == 0 else {
      close(epoll)
      return .failure(Errno(rawValue: created))
    }
    pthread_detach(thread)
    return .success(poller)
  }()

  private let epoll: CInt
  private let waiters = Locked<(next: UInt64, table: [UInt64: Waiter])>((0, [:]))

  private init(epoll: CInt) { self.epoll = epoll }

  private func run() {
    var events = [epoll_event](repeating: epoll_event(), count: 64)
    while true {
      let count = epoll_wait(epoll, &events, Int32(events.count), -1)
      guard count > 0 else { continue }  // EINTR: wait again.
      for event in events.prefix(Int(count)) {
        let waiter = waiters.withLock { $0.table.removeValue(forKey: event.data.u64) }
        if case .waiting(let continuation) = waiter { continuation.resume() }
      }
    }
  }

  /// Suspends until `fd` is readable or the task is cancelled (then returns as well: the caller
  /// checks). `fd` is watched through a duplicate, so several tasks may wait on one descriptor.
  func waitReadable(_ fd: CInt) async -> Errno? {
    let watched = fcntl(fd, F_DUPFD_CLOEXEC, 0)
    guard watched >= 0 else { return Errno(rawValue: errno) }
    defer { close(watched) }
    let token = waiters.withLock { state -> UInt64 in
      state.next += 1
      return state.next
    }
    let failure = Locked<Errno?>(nil)
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let cancelled = waiters.withLock { state -> Bool in
          if case .cancelled = state.table[token] {
            state.table[token] = nil
            return true
          }
          state.table[token] = .waiting(continuation)
          return false
        }
        if cancelled { return continuation.resume() }
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLONESHOT.rawValue
        event.data.u64 = token
        if epoll_ctl(epoll, EPOLL_CTL_ADD, watched, &event) != 0 {
          failure.withLock { $0 = Errno(rawValue: errno) }
          if case .waiting(let continuation) = waiters.withLock({ $0.table.removeValue(forKey: token) }) {
            continuation.resume()
          }
        }
      }
    } onCancel: {
      let waiter = waiters.withLock { state -> Waiter? in
        let waiter = state.table[token]
        state.table[token] = waiter == nil ? .cancelled : nil
        return waiter
      }
      if case .waiting(let continuation) = waiter { continuation.resume() }
    }
    _ = epoll_ctl(epoll, EPOLL_CTL_DEL, watched, nil)
    waiters.withLock { _ = $0.table.removeValue(forKey: token) }
    return failure.withLock { $0 }
  }
}
