import CVFIO
import SystemPackage

/// `-1` becomes the current `errno`; EINTR is retried when asked to.
@inlinable
@inline(__always)
internal func valueOrErrno<I: FixedWidthInteger>(
  retryOnInterrupt: Bool, _ call: () -> I
) -> Result<I, Errno> {
  while true {
    let result = call()
    if result != -1 { return .success(result) }
    let error = Errno(rawValue: cvfio_errno())
    if !(retryOnInterrupt && error == .interrupted) { return .failure(error) }
  }
}
