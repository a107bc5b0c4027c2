import CVFIO
import SystemPackage

/// The most EINTR answers in a row a call is retried on: a kernel or driver that answers
/// nothing else ends in `.interrupted` rather than a spin (signals alone never come this often).
@usableFromInline
internal var maximumInterruptRetries: Int { 4096 }

/// `-1` becomes the current `errno`; EINTR is retried when asked to, at most
/// `maximumInterruptRetries` times in a row.
@inlinable
@inline(__always)
internal func valueOrErrno<I: FixedWidthInteger>(
  retryOnInterrupt: Bool, _ call: () -> I
) -> Result<I, Errno> {
  var retries = 0
  while true {
    let result = call()
    if result != -1 { return .success(result) }
    let error = Errno(rawValue: cvfio_errno())
    guard retryOnInterrupt, error == .interrupted, retries < maximumInterruptRetries else { return .failure(error) }
    retries += 1
  }
}
