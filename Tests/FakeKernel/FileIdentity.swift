#if canImport(Glibc)
import Glibc
#endif

/// The file a descriptor names, as fstat tells it. Tests that run beside one another may be
/// handed a number another test just closed: a number names the same file only while its
/// identity is equal.
public struct FileIdentity: Equatable, Sendable {
  public let device: UInt64, inode: UInt64

  /// The identity of the file `fd` names; nil when `fd` is not open.
  public init?(_ fd: CInt) {
    var status = stat()
    guard fstat(fd, &status) == 0 else { return nil }
    (device, inode) = (UInt64(status.st_dev), UInt64(status.st_ino))
  }
}
