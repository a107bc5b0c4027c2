import CVFIO

// The only place that calls ioctl(2). Everything above goes through these.

@inlinable
internal func system_ioctl(
  _ fd: CInt, _ request: UInt, _ argument: UnsafeMutableRawPointer?
) -> CInt {
  cvfio_ioctl(fd, request, argument)
}

@inlinable
internal func system_ioctl(_ fd: CInt, _ request: UInt, value: UInt) -> CInt {
  cvfio_ioctl_value(fd, request, value)
}
