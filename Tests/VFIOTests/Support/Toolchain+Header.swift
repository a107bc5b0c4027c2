import Foundation

extension Toolchain {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// "6.1" or "6.12" as scripts/test.sh exports it; nil when the tests were started otherwise.
  static var headerGeneration: String? { ProcessInfo.processInfo.environment["VFIO_HEADER_GENERATION"] }

  /// The include directory of the 6.12 UAPI header, the reference the oracle and
  /// the fallbacks are generated from: the header the package was built against
  /// when scripts/test.sh names one, else what scripts/uapi-header.sh installs
  /// (run once, so no test reads the header while another rewrites it); nil when
  /// the machine lacks linux-headers-6.12.
  static let referenceHeaderInclude: String? = {
    if let dir = headerIncludeDirectory { return dir }
    let script = packageRoot.appendingPathComponent("scripts/uapi-header.sh").path
    let dir = try? run("/bin/bash", [script]).trimmingCharacters(in: .whitespacesAndNewlines)
    return dir?.isEmpty == false ? dir : nil
  }()

  /// Runs clang with `flags` on a C file holding `source`; returns what clang prints.
  @discardableResult
  static func clang(_ flags: [String], source: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vfio-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("source.c")
    try source.write(to: file, atomically: true, encoding: .utf8)
    return try run(clang, flags + [file.path])
  }
}
