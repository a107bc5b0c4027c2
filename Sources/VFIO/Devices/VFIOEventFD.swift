import SystemPackage

/// An eventfd(2) for the kernel to signal: an interrupt trigger, a resample fd or an ioeventfd.
///
/// Shared, not copied: a VMM hands the same eventfd to VFIO and to KVM (irqfd), and a
/// ``VFIODevice`` keeps every eventfd it bound to an interrupt until it unbinds it, so
/// the descriptor stays open as long as anyone may signal it. It is closed when the last
/// reference goes.
public final class VFIOEventFD: Sendable {
  internal let owned: OwnedDescriptor

  /// The eventfd's descriptor, valid while this object lives; it is closed with the object.
  public var fileDescriptor: FileDescriptor { owned.fileDescriptor }

  /// A new eventfd with count 0, non-blocking so that `wait` alone decides how long to block.
  public init() throws(VFIOError) {
    switch system_eventfd(nonBlocking: true) {
    case .success(let fd): owned = OwnedDescriptor(FileDescriptor(rawValue: fd))
    case .failure(let errno): throw VFIOError(operation: "eventfd", target: "a new eventfd", errno: errno)
    }
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
