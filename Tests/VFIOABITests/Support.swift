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

  /// The breaking findings of `diff` (the installed header against `selection`, the baseline of an
  /// older generation) that the kernel's own changes do not explain: between two baselines the
  /// header may carry any break the diff of the two names; newer than every baseline, none.
  static func unexplainedBreaks(_ diff: ABIDiff, against selection: ABIBaseline.Selection) throws -> [Finding] {
    let generations = try ABIBaseline.generations()
    var known: Set<String> = []
    if let index = generations.firstIndex(of: selection.generation), index + 1 < generations.count {
      let next = try ABIBaseline.manifest(generation: generations[index + 1])
      known = Set(ABIDiff(old: selection.manifest, new: next).findings.filter(\.breaking).map(identity))
    }
    return diff.findings.filter { $0.breaking && !known.contains(identity($0)) }
  }

  /// What a finding is about, whatever the values on either side.
  private static func identity(_ finding: Finding) -> String { "\(finding.kind.rawValue) \(finding.declaration)" }
}

struct FixtureMissing: Error {
  let name: String
}
