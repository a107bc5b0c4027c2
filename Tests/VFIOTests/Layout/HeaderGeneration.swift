import Testing
import VFIO
import VFIOABI

enum HeaderGeneration {
  /// The generation of the installed header the package was built against (`6.12`), read from
  /// its `LINUX_VERSION_CODE`.
  static var current: String { LinuxVersion.headers.generation }

  /// Whether the installed header is newer than every committed baseline. Such a header may define
  /// what the package does not know yet (a kernel released after it): those declarations are
  /// reported, not failures. At or below the newest baseline, every declaration must be known.
  static var isNewerThanEveryBaseline: Bool {
    guard let newest = (try? ABIBaseline.generations())?.last.flatMap(version) else { return false }
    return newest < LinuxVersion(major: LinuxVersion.headers.major, minor: LinuxVersion.headers.minor)
  }

  /// `6.12` as a version.
  static func version(_ generation: String) -> LinuxVersion? {
    let numbers = generation.split(separator: ".").compactMap { Int($0) }
    guard numbers.count == 2 else { return nil }
    return LinuxVersion(major: numbers[0], minor: numbers[1])
  }

  /// Records `unknown` (declarations of the installed header the package lacks, in words) as a
  /// failure, or only prints it for a header newer than every baseline.
  static func judgeUnknown(_ unknown: [String], _ what: String) {
    guard !unknown.isEmpty else { return }
    if isNewerThanEveryBaseline {
      print("header \(current) is newer than every baseline; \(what) unknown to the package: \(unknown)")
    } else {
      for declaration in unknown { Issue.record("\(what) unknown to the package: \(declaration)") }
    }
  }
}
