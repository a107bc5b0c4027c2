import CVFIO

// The only place that calls ioctl(2). Everything above goes through these.

@inlinable
internal func system_ioctl(
  _ fd: CInt, _ request: UInt, _ argument: UnsafeMutableRawPointer?
) -> CInt {
  #if DEBUG
  if let mock = IoctlMock.handler { return mock(fd, request, UInt(bitPattern: argument)) }
  #endif
  return cvfio_ioctl(fd, request, argument)
}

@inlinable
internal func system_ioctl(_ fd: CInt, _ request: UInt, value: UInt) -> CInt {
  #if DEBUG
  if let mock = IoctlMock.handler { return mock(fd, request, value) }
  #endif
  return cvfio_ioctl_value(fd, request, value)
}

#if DEBUG
/// Lets debug-build tests stand in for the kernel — to deliver EINTR, say —
/// within one task, without touching other tests' calls. Release builds have
/// no trace of it.
@usableFromInline
internal enum IoctlMock {
  /// Receives (fd, request, argument) and returns what ioctl(2) would, setting errno itself.
  @TaskLocal
  @usableFromInline
  static var handler: (@Sendable (CInt, UInt, UInt) -> CInt)?
}
#endif
