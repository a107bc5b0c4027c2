import SystemPackage

/// A file descriptor of one VFIO kind, which accepts only that kind's ioctls.
///
/// It does not own the descriptor: use it to issue requests on a descriptor
/// owned elsewhere. Because the request type is part of the descriptor type,
/// a device request cannot be sent to a container by mistake.
@frozen
public struct VFIODescriptor<Request: VFIOIoctlSet>: Hashable, Sendable {
  public let fileDescriptor: FileDescriptor

  @inlinable
  public init(_ fileDescriptor: FileDescriptor) { self.fileDescriptor = fileDescriptor }
}

public typealias ContainerDescriptor = VFIODescriptor<ContainerIoctl>
public typealias GroupDescriptor = VFIODescriptor<GroupIoctl>
public typealias DeviceDescriptor = VFIODescriptor<DeviceIoctl>
public typealias MigrationDataDescriptor = VFIODescriptor<MigrationDataIoctl>

extension VFIODescriptor {
  /// Issues `request` with a pointer argument; returns the ioctl's non-negative result.
  @inlinable
  @discardableResult
  public func ioctl(
    _ request: Request, _ argument: UnsafeMutableRawPointer?, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try _ioctl(request, argument, retryOnInterrupt: retryOnInterrupt).get()
  }

  /// Issues `request` with an integer argument (`VFIO_CHECK_EXTENSION`, `VFIO_SET_IOMMU`).
  @inlinable
  @discardableResult
  public func ioctl(
    _ request: Request, value: UInt, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try _ioctl(request, value: value, retryOnInterrupt: retryOnInterrupt).get()
  }

  /// Issues `request` on a fixed-size argument, which the kernel may update in place.
  @inlinable
  @discardableResult
  public func ioctl<Argument: BitwiseCopyable>(
    _ request: Request, _ argument: inout Argument, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try withUnsafeMutableBytes(of: &argument) { buffer in
      _ioctl(request, buffer.baseAddress, retryOnInterrupt: retryOnInterrupt)
    }.get()
  }

  @inlinable
  internal func _ioctl(
    _ request: Request, _ argument: UnsafeMutableRawPointer?, retryOnInterrupt: Bool
  ) -> Result<CInt, Errno> {
    valueOrErrno(retryOnInterrupt: retryOnInterrupt) {
      system_ioctl(fileDescriptor.rawValue, request.requestNumber, argument)
    }
  }

  @inlinable
  internal func _ioctl(
    _ request: Request, value: UInt, retryOnInterrupt: Bool
  ) -> Result<CInt, Errno> {
    valueOrErrno(retryOnInterrupt: retryOnInterrupt) {
      system_ioctl(fileDescriptor.rawValue, request.requestNumber, value: value)
    }
  }
}
