import Foundation
import VFIOABI

/// Fixture headers bundled with the tests, and the header generation `scripts/test.sh` built against.
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

  /// `-I` directories that make `<linux/vfio.h>` the header the package was built against.
  static var includeDirectories: [String] {
    let directory = ProcessInfo.processInfo.environment["VFIO_HEADER_INCLUDE_DIR"] ?? ""
    return directory.isEmpty ? [] : [directory]
  }

  /// `6.1` or `6.12`, as exported by scripts/test.sh; 6.1 (the installed header) otherwise.
  static var generation: String {
    let value = ProcessInfo.processInfo.environment["VFIO_HEADER_GENERATION"] ?? ""
    return value.isEmpty ? "6.1" : value
  }
}

struct FixtureMissing: Error {
  let name: String
}
