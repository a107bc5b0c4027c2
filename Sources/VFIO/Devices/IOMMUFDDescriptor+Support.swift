import SystemPackage

extension VFIODescriptor where Request == IOMMUFDIoctl {
  /// Issues a request a kernel may lack: `ENOTTY` (no such request) and `EOPNOTSUPP` (the
  /// request is known, what the argument asks is not) become ``VFIOError/Reason/unsupported(_:)``,
  /// so a caller can fall back without matching errno values.
  @inlinable
  @discardableResult
  internal func callIfSupported<Argument: VFIOIoctlArgument & ~Copyable>(
    _ request: VFIORequest<IOMMUFDIoctl, Argument>, _ argument: inout Argument, on target: @autoclosure () -> String
  ) throws(VFIOError) -> CInt {
    do { return try ioctl(request, &argument) } catch {
      let unsupported = error == .inappropriateIOCTLForDevice || error == .notSupported
      throw VFIOError(
        operation: request.ioctl.name, target: target(), reason: unsupported ? .unsupported(error) : .system(error))
    }
  }
}
