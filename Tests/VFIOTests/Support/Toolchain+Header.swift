import Foundation

extension Toolchain {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// "6.1" or "6.12" as scripts/test.sh exports it; nil when the tests were started otherwise.
  static var headerGeneration: String? { ProcessInfo.processInfo.environment["VFIO_HEADER_GENERATION"] }

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
