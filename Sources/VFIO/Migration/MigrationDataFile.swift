import CVFIO
import SystemPackage

/// The owned data fd of either direction: what ``MigrationSavingFile`` and
/// ``MigrationResumingFile`` share.
internal struct MigrationFile: ~Copyable, Sendable {
  internal let descriptor: MigrationDataDescriptor

  internal var fileDescriptor: FileDescriptor { descriptor.fileDescriptor }

  internal init(unsafeAdopting fileDescriptor: FileDescriptor) {
    descriptor = MigrationDataDescriptor(fileDescriptor)
    OwnedDescriptorNumbers.insert(fileDescriptor.rawValue)
  }

  deinit {
    OwnedDescriptorNumbers.remove(descriptor.fileDescriptor.rawValue)
    // Nobody can hear a failure here; close(2) releases the descriptor regardless.
    _ = system_close(descriptor.fileDescriptor.rawValue)
  }

  internal consuming func close() throws(VFIOError) {
    let fd = descriptor.fileDescriptor.rawValue
    discard self
    OwnedDescriptorNumbers.remove(fd)
    // Not retried on EINTR: Linux releases the descriptor before reporting it.
    if system_close(fd) == -1 {
      throw VFIOError(operation: "close", target: "migration data fd \(fd)", errno: Errno(rawValue: cvfio_errno()))
    }
  }

  internal func read(
    into buffer: UnsafeMutableRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(VFIOError) -> Int {
    let fd = descriptor.fileDescriptor.rawValue
    let count: Int
    do {
      count = try valueOrErrno(retryOnInterrupt: retryOnInterrupt) { system_read(fd, buffer.baseAddress, buffer.count) }.get()
    } catch {
      throw VFIOError(operation: "read", target: "migration data fd \(fd)", errno: error)
    }
    return try Self.checked(count, of: buffer.count, "read", fd)
  }

  internal func write(
    _ buffer: UnsafeRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(VFIOError) -> Int {
    let fd = descriptor.fileDescriptor.rawValue
    let count: Int
    do {
      count = try valueOrErrno(retryOnInterrupt: retryOnInterrupt) { system_write(fd, buffer.baseAddress, buffer.count) }.get()
    } catch {
      throw VFIOError(operation: "write", target: "migration data fd \(fd)", errno: error)
    }
    return try Self.checked(count, of: buffer.count, "write", fd)
  }

  /// `count` bytes moved of `asked`: more than asked, or a negative count other than the
  /// C library's -1 (a driver's return below -4095 passes through the syscall), is a driver's lie.
  private static func checked(_ count: Int, of asked: Int, _ operation: String, _ fd: CInt) throws(VFIOError) -> Int {
    guard count >= 0 else { throw VFIOError(operation: operation, target: "migration data fd \(fd)", errno: .ioError) }
    guard count <= asked else {
      throw VFIOError(
        operation: operation, target: "migration data fd \(fd)",
        reason: .outOfRange(offset: 0, count: UInt64(count), limit: UInt64(asked)))
    }
    return count
  }

  internal func precopyInfo() throws(VFIOError) -> PrecopyInfo {
    var info = PrecopyInfo()
    try descriptor.call(.getPrecopyInfo, &info, on: "migration data fd \(descriptor.fileDescriptor.rawValue)")
    return info
  }
}
