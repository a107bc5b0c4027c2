import CVFIO
import SystemPackage

/// A failed VFIO operation: which call, on what, and the `errno` it returned.
///
/// Its description reads like
/// `VFIO_GROUP_SET_CONTAINER on group 7: EBUSY (Device or resource busy)`.
public struct VFIOError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The ioctl or system call that failed, e.g. `VFIO_GROUP_SET_CONTAINER` or `open`.
  public var operation: String
  /// What it was issued on, e.g. `group 7`, `device 0000:01:00.0`, `/dev/vfio/vfio`.
  public var target: String
  public var errno: Errno

  public init(operation: String, target: String, errno: Errno) {
    self.operation = operation
    self.target = target
    self.errno = errno
  }

  public var description: String {
    "\(operation) on \(target): \(VFIOError.symbol(of: errno)) (\(errno.description))"
  }

  /// `EBUSY` for `.resourceBusy`; the number when the C library has no name for it.
  public static func symbol(of errno: Errno) -> String {
    guard let name = cvfio_errno_name(errno.rawValue) else { return "errno \(errno.rawValue)" }
    return String(cString: name)
  }
}
