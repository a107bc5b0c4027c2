import SystemPackage

/// An eventfd(2) for the kernel to signal: an interrupt trigger or an ioeventfd.
/// Closed when it goes out of scope.
public struct VFIOEventFD: ~Copyable {
  internal let owned: OwnedDescriptor

  public var fileDescriptor: FileDescriptor { owned.fileDescriptor }

  /// A new eventfd with count 0, non-blocking so that `wait` alone decides how long to block.
  public init() throws(VFIOError) {
    switch system_eventfd(nonBlocking: true) {
    case .success(let fd): owned = OwnedDescriptor(FileDescriptor(rawValue: fd))
    case .failure(let errno): throw VFIOError(operation: "eventfd", target: "a new eventfd", errno: errno)
    }
  }

  public consuming func close() throws(VFIOError) {
    do { try owned.close() } catch { throw VFIOError(operation: "close", target: "eventfd", errno: error) }
  }

  /// Waits up to `milliseconds` for a signal; returns the count read (resetting it), or 0 on timeout.
  public func wait(milliseconds: Int32) throws(VFIOError) -> UInt64 {
    let fd = fileDescriptor
    switch system_pollReadable(fd.rawValue, milliseconds: milliseconds) {
    case .failure(let errno): throw VFIOError(operation: "poll", target: "eventfd \(fd.rawValue)", errno: errno)
    case .success(false): return 0
    case .success(true): break
    }
    var count: UInt64 = 0
    do {
      let read = try withUnsafeMutableBytes(of: &count) { try fd.read(into: $0) }
      return read == MemoryLayout<UInt64>.size ? count : 0
    } catch {
      throw VFIOError(operation: "read", target: "eventfd \(fd.rawValue)", errno: error as? Errno ?? .ioError)
    }
  }

  /// Adds `value` to the count, as a device signalling it would.
  public func signal(_ value: UInt64 = 1) throws(VFIOError) {
    var value = value
    let fd = fileDescriptor
    do { _ = try withUnsafeBytes(of: &value) { try fd.write($0) } } catch {
      throw VFIOError(operation: "write", target: "eventfd \(fd.rawValue)", errno: error as? Errno ?? .ioError)
    }
  }
}
