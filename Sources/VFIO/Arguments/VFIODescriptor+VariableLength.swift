import SystemPackage

extension VFIODescriptor {
  /// Issues `request` on a variable-length argument, which the kernel may
  /// update in place.
  @discardableResult
  public func ioctl<Header>(
    _ request: Request, _ argument: inout VariableLengthArgument<Header>,
    retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try ioctl(request, argument.base, retryOnInterrupt: retryOnInterrupt)
  }
}
