import Foundation

extension Toolchain {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

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
