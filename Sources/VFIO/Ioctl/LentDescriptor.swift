import SystemPackage

/// A typed descriptor an owner lends for one call of its `withDescriptor` (for example
/// ``VFIODevice/withDescriptor(_:)``): it takes the kind's requests, as ``VFIODescriptor`` does.
///
/// It is `~Escapable`, its lifetime bound to the owner's borrow: the closure cannot return it,
/// store it or let it outlive the call, so it cannot be used after the owner closed the descriptor
/// (when the number may name another file). To hand the number to C, `withUnsafeDescriptor` lends
/// the plain ``VFIODescriptor``, whose escape nothing checks.
public struct LentDescriptor<Request: VFIOIoctlSet>: ~Escapable {
  internal let descriptor: VFIODescriptor<Request>

  @_lifetime(borrow owner)
  internal init(_ descriptor: VFIODescriptor<Request>, lentBy owner: borrowing OwnedDescriptor) {
    self.descriptor = descriptor
  }

  /// Issues a request that takes no argument; returns the ioctl's non-negative result.
  @discardableResult
  public func ioctl(_ request: VFIORequest<Request, Void>, retryOnInterrupt: Bool = true) throws(Errno) -> CInt {
    try descriptor.ioctl(request, retryOnInterrupt: retryOnInterrupt)
  }

  /// Issues a request whose argument is a number in the argument register.
  @discardableResult
  public func ioctl<Value: VFIOIoctlValue>(
    _ request: VFIORequest<Request, Value>, _ value: Value, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try descriptor.ioctl(request, value, retryOnInterrupt: retryOnInterrupt)
  }

  /// Issues `request` on its argument, with the argument's size field set; the kernel may
  /// update the argument in place.
  @discardableResult
  public func ioctl<Argument: VFIOIoctlArgument & ~Copyable>(
    _ request: VFIORequest<Request, Argument>, _ argument: inout Argument, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try descriptor.ioctl(request, &argument, retryOnInterrupt: retryOnInterrupt)
  }

  /// Issues `request` on a variable-length argument (a fixed struct and its payload), `argsz`
  /// set to the whole argument.
  @discardableResult
  public func ioctl<Argument: VFIOStruct>(
    _ request: VFIORequest<Request, Argument>, _ argument: inout VariableLengthArgument<Argument.RawValue>,
    retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt where Argument.RawValue: VariableLengthHeader {
    try descriptor.ioctl(request, &argument, retryOnInterrupt: retryOnInterrupt)
  }
}
