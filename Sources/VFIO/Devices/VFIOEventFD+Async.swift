import SystemPackage

extension VFIOEventFD {
  /// Waits for a signal and returns the count read (resetting it), suspending the task — not
  /// blocking a thread — until the kernel or another thread signals: one interrupt-handling
  /// task per vector costs no thread of Swift's cooperative pool.
  ///
  /// - Throws: ``VFIOError`` with `ECANCELED` when the task is cancelled while it waits.
  public func wait() async throws(VFIOError) -> UInt64 {
    let fd = fileDescriptor
    let target = "eventfd \(fd.rawValue)"
    let poller: EventPoller
    switch EventPoller.shared {
    case .success(let shared): poller = shared
    case .failure(let errno): throw VFIOError(operation: "epoll_create1", target: target, errno: errno)
    }
    while true {
      // Another waiter may take the count between readiness and this read: then wait again.
      if let count = try readCount(target: target) { return count }
      if Task.isCancelled { throw VFIOError(operation: "wait", target: target, errno: .canceled) }
      if let errno = await poller.waitReadable(fd.rawValue) {
        throw VFIOError(operation: "epoll_ctl", target: target, errno: errno)
      }
    }
  }

  /// The count, read without blocking; nil when there is none yet.
  private func readCount(target: String) throws(VFIOError) -> UInt64? {
    var count: UInt64 = 0
    do {
      let read = try withUnsafeMutableBytes(of: &count) { try fileDescriptor.read(into: $0) }
      return read == MemoryLayout<UInt64>.size ? count : nil
    } catch Errno.wouldBlock {
      return nil
    } catch {
      throw VFIOError(operation: "read", target: target, errno: error as? Errno ?? .ioError)
    }
  }
}
