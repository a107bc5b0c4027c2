import Foundation

enum HeaderGeneration {
  struct Unknown: Error, CustomStringConvertible {
    var description: String {
      "the header matches no committed baseline; set VFIO_HEADER_GENERATION (see scripts/test.sh)"
    }
  }

  /// `6.1` or `6.12` under scripts/test.sh; "installed" when run without it.
  static var current: String {
    ProcessInfo.processInfo.environment["VFIO_HEADER_GENERATION"] ?? "installed"
  }
}
