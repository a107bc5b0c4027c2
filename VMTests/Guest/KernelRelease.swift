#if canImport(Glibc)
import Glibc
#endif

/// The running kernel's major.minor. The suite boots kernels from 5.10 to the
/// newest, and some steps expect a different answer where the kernel predates
/// a feature: the package must then report the kernel's refusal, typed.
struct KernelRelease: Comparable, CustomStringConvertible {
  var major: Int
  var minor: Int

  init(_ major: Int, _ minor: Int) {
    self.major = major
    self.minor = minor
  }

  /// From uname(2)'s release, e.g. "5.10.0-32-amd64"; 0.0 when unreadable,
  /// which makes every feature look absent and the steps fail loudly.
  static let running: KernelRelease = {
    var names = utsname()
    guard uname(&names) == 0 else { return KernelRelease(0, 0) }
    let release = withUnsafeBytes(of: names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let numbers = release.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
    guard numbers.count == 2 else { return KernelRelease(0, 0) }
    return KernelRelease(numbers[0], numbers[1])
  }()

  static func < (lhs: KernelRelease, rhs: KernelRelease) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }

  var description: String { "\(major).\(minor)" }
}
