import SystemPackage

extension VFIODescriptor {
  /// Issues `request` on a wrapper's C struct, which the kernel may update in place.
  ///
  /// The kernel reads and writes the C struct itself, so a wrapper goes in as
  /// it is — `argsz` already set — including those whose C struct has a union
  /// or a flexible array member and so is not `BitwiseCopyable`.
  @inlinable
  @discardableResult
  public func ioctl<Argument: VFIOStruct>(
    _ request: Request, _ argument: inout Argument, retryOnInterrupt: Bool = true
  ) throws(Errno) -> CInt {
    try withUnsafeMutablePointer(to: &argument.rawValue) { pointer in
      _ioctl(request, UnsafeMutableRawPointer(pointer), retryOnInterrupt: retryOnInterrupt)
    }.get()
  }
}
