import Foundation
import VFIO
import VFIOABI

/// Fixture headers bundled with the tests, and the baseline of the installed header.
enum Fixture {
  static func path(_ directory: String, _ file: String) throws -> String {
    guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Fixtures/\(directory)")
    else { throw FixtureMissing(name: "\(directory)/\(file)") }
    return url.path
  }

  /// The old and new manifests of a fixture pair, dumped for this machine.
  static func pair(_ directory: String) throws -> (old: ABIManifest, new: ABIManifest) {
    let manifests = try ABIManifest.dump(
      headers: [.file(try path(directory, "old.h")), .file(try path(directory, "new.h"))])
    return (manifests[0], manifests[1])
  }

  /// The committed baseline for the installed header's generation (read from its
  /// `LINUX_VERSION_CODE`), or the nearest one for a header no baseline describes.
  static func baseline() throws -> ABIBaseline.Selection {
    try ABIBaseline.select(for: LinuxVersion.headers.generation)
  }
}

struct FixtureMissing: Error {
  let name: String
}

/// A directory of its own under the temporary directory, for one test's files.
enum TemporaryDirectory {
  /// `body`'s result, given a new directory named after `prefix`, which is removed when `body` returns.
  static func with<T>(_ prefix: String, _ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
  }
}
