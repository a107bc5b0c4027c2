import CVFIO

/// A Linux kernel version as `<linux/version.h>` encodes it in `LINUX_VERSION_CODE`.
public struct LinuxVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The major version: 6 in 6.12.
  public var major: Int
  /// The minor version: 12 in 6.12.
  public var minor: Int
  /// The sublevel; the encoding saturates it at 255.
  public var patch: Int

  /// Version `major.minor.patch`.
  public init(major: Int, minor: Int, patch: Int = 0) {
    self.major = major
    self.minor = minor
    self.patch = patch
  }

  /// Decodes `LINUX_VERSION_CODE`: `KERNEL_VERSION(a, b, c)` is `(a << 16) + (b << 8) + c`.
  public init(code: Int) {
    self.init(major: code >> 16, minor: (code >> 8) & 0xff, patch: code & 0xff)
  }

  /// `6.12`: the header generation, which the committed baselines are named by.
  public var generation: String { "\(major).\(minor)" }

  public var description: String { "\(major).\(minor).\(patch)" }

  public static func < (lhs: LinuxVersion, rhs: LinuxVersion) -> Bool {
    (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
  }

  /// The version of the kernel headers this build of the package compiled against: read from
  /// the installed `<linux/version.h>` when CVFIO was built, so a binary reports the header
  /// generation it carries, whatever machine it runs on.
  public static let headers = LinuxVersion(code: Int(LINUX_VERSION_CODE))
}
