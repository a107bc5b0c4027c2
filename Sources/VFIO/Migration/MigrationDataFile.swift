import CVFIO
import SystemPackage

/// The data fd of a v2 migration session, owned: it is closed when the value is
/// consumed or goes out of scope.
///
/// Saving reads the device state from it (until end of stream in STOP_COPY,
/// ENOMSG at the temporary end in PRE_COPY); resuming writes that stream back.
public struct MigrationDataFile: ~Copyable, Sendable {
  /// The descriptor, for requests and polling; valid while `self` lives.
  public let descriptor: MigrationDataDescriptor

  /// Takes ownership of `fileDescriptor`.
  public init(adopting fileDescriptor: FileDescriptor) {
    descriptor = MigrationDataDescriptor(fileDescriptor)
  }

  deinit {
    // Nobody can hear a failure here; close(2) releases the descriptor regardless.
    _ = system_close(descriptor.fileDescriptor.rawValue)
  }

  /// Closes the descriptor and reports a failure, which may be the device's
  /// verdict on the data written while resuming.
  public consuming func close() throws(Errno) {
    let fd = descriptor.fileDescriptor.rawValue
    discard self
    // Not retried on EINTR: Linux releases the descriptor before reporting it.
    if system_close(fd) == -1 { throw Errno(rawValue: cvfio_errno()) }
  }

  /// Reads the next bytes of the saved state; 0 is the end of the stream.
  public func read(
    into buffer: UnsafeMutableRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try valueOrErrno(retryOnInterrupt: retryOnInterrupt) {
      system_read(descriptor.fileDescriptor.rawValue, buffer.baseAddress, buffer.count)
    }.get()
  }

  /// Writes bytes of the state to resume; returns how many the device took.
  public func write(
    _ buffer: UnsafeRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try valueOrErrno(retryOnInterrupt: retryOnInterrupt) {
      system_write(descriptor.fileDescriptor.rawValue, buffer.baseAddress, buffer.count)
    }.get()
  }

  /// `VFIO_MIG_GET_PRECOPY_INFO`: how much pre-copy data remains (PRE_COPY states only).
  public func precopyInfo() throws(Errno) -> PrecopyInfo {
    var info = PrecopyInfo()
    try descriptor.ioctl(.getPrecopyInfo, &info)
    return info
  }
}
