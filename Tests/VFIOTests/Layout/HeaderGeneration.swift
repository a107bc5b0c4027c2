import Foundation

enum HeaderGeneration {
  /// `6.1` or `6.12` under scripts/test.sh; "installed" when run without it.
  static var current: String {
    ProcessInfo.processInfo.environment["VFIO_HEADER_GENERATION"] ?? "installed"
  }
}
