import VFIO

enum HeaderGeneration {
  /// The generation of the installed header the package was built against (`6.12`), read from
  /// its `LINUX_VERSION_CODE`.
  static var current: String { LinuxVersion.headers.generation }
}
