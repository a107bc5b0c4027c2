import SystemPackage

/// A file descriptor of one VFIO kind, which accepts only that kind's requests,
/// each with only its own argument type.
///
/// It does not own the descriptor; the owned types (``VFIOContainer``,
/// ``VFIODevice``, ...) lend theirs through `withUnsafeDescriptor`. Because the
/// request set is part of the descriptor type, a device request cannot be sent
/// to a container, and because each ``VFIORequest`` names its argument type, a
/// ``DeviceInfo`` cannot be sent as `VFIO_DEVICE_GET_REGION_INFO`.
@frozen
public struct VFIODescriptor<Request: VFIOIoctlSet>: Hashable, Sendable {
  /// The descriptor requests are issued on; not owned.
  public let fileDescriptor: FileDescriptor

  /// Treats `fileDescriptor` as a descriptor of this kind.
  ///
  /// Nothing checks the kind: requests on a descriptor of another kind reach a
  /// driver that reads their argument as something else (VFIO reuses numbers
  /// across kinds). The caller also keeps the descriptor open while this value is used.
  @inlinable
  public init(unsafeAssumingKind fileDescriptor: FileDescriptor) { self.fileDescriptor = fileDescriptor }

  @inlinable
  internal init(_ fileDescriptor: FileDescriptor) { self.fileDescriptor = fileDescriptor }
}

/// A container (`/dev/vfio/vfio`), which takes only ``ContainerIoctl`` requests.
public typealias ContainerDescriptor = VFIODescriptor<ContainerIoctl>
/// A group (`/dev/vfio/N`), which takes only ``GroupIoctl`` requests.
public typealias GroupDescriptor = VFIODescriptor<GroupIoctl>
/// A device, from a group or a cdev, which takes only ``DeviceIoctl`` requests.
public typealias DeviceDescriptor = VFIODescriptor<DeviceIoctl>
/// A v2 migration data fd, which takes only ``MigrationDataIoctl`` requests.
public typealias MigrationDataDescriptor = VFIODescriptor<MigrationDataIoctl>

extension VFIODescriptor {
  /// Issues a request that takes no argument; returns the ioctl's non-negative result.
  @inlinable
  @discardableResult
  public func ioctl(_ request: VFIORequest<Request, Void>, retryOnInterrupt: Bool = true) throws(Errno) -> CInt {
    try _ioctl(request.ioctl, nil, retryOnInterrupt: retryOnInterrupt).get()
  }

  /// Issues a request whose argument is a number in the argument register.
  @inlinable
  @discardableResult
  public func ioctl<Value: VFIOIoctlValue>(
    _ request: VFIORequest<Request, Value>, _ value: Value, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try _ioctl(request.ioctl, value: value.ioctlValue, retryOnInterrupt: retryOnInterrupt).get()
  }

  /// Issues `request` on its argument, with the argument's size field set; the kernel may
  /// update the argument in place.
  @inlinable
  @discardableResult
  public func ioctl<Argument: VFIOIoctlArgument & ~Copyable>(
    _ request: VFIORequest<Request, Argument>, _ argument: inout Argument, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try argument.withKernelArgument { _ioctl(request.ioctl, $0, retryOnInterrupt: retryOnInterrupt) }.get()
  }

  /// Issues `request` on a variable-length argument (a fixed struct and its payload)
  /// with the request's own header, `argsz` set to the whole argument.
  @inlinable
  @discardableResult
  public func ioctl<Argument: VFIOStruct>(
    _ request: VFIORequest<Request, Argument>, _ argument: inout VariableLengthArgument<Argument.RawValue>,
    retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt where Argument.RawValue: VariableLengthHeader {
    try argument.withKernelArgument { _ioctl(request.ioctl, $0, retryOnInterrupt: retryOnInterrupt) }.get()
  }

  /// Issues `request` with whatever `argument` points at, unchecked.
  ///
  /// For requests or argument layouts the typed `ioctl(_:_:)`
  /// does not cover. The caller guarantees that `argument` points at memory laid
  /// out as the request's C struct, with its `argsz` (or `size`) no larger than that
  /// memory, valid for reads and writes for the whole call.
  @inlinable
  @discardableResult
  public func unsafeRawIoctl(
    _ request: Request, _ argument: UnsafeMutableRawPointer?, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try _ioctl(request, argument, retryOnInterrupt: retryOnInterrupt).get()
  }

  /// Issues `request` with `value` in the argument register, unchecked.
  @inlinable
  @discardableResult
  public func unsafeRawIoctl(
    _ request: Request, value: UInt, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try _ioctl(request, value: value, retryOnInterrupt: retryOnInterrupt).get()
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
