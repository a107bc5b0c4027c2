import Foundation

/// The manifests committed with this package, one per header generation, made by
/// `scripts/make-baselines.sh` with `vfio abi dump --json`.
public enum ABIBaseline {
  /// The generations that have a baseline, oldest first: `5.10`, `6.1`, `6.12`, …
  public static func generations() throws(ABIError) -> [String] {
    guard let directory = Bundle.module.url(forResource: "Baselines", withExtension: nil),
      let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
    else { throw .baselineMissing("Baselines") }
    return files.filter { $0.hasPrefix("vfio-") && $0.hasSuffix(".json") }
      .map { String($0.dropFirst("vfio-".count).dropLast(".json".count)) }
      .sorted { versionNumbers($0).lexicographicallyPrecedes(versionNumbers($1)) }
  }

  /// The committed manifest of `vfio.h` for one generation.
  public static func manifest(generation: String) throws(ABIError) -> ABIManifest {
    let name = "vfio-\(generation).json"
    guard let url = Bundle.module.url(forResource: "vfio-\(generation)", withExtension: "json", subdirectory: "Baselines")
    else { throw .baselineMissing(name) }
    return try ABIManifest(contentsOf: url.path)
  }

  /// Every committed manifest, oldest generation first.
  public static func all() throws(ABIError) -> [ABIManifest] {
    var manifests: [ABIManifest] = []
    for generation in try generations() { manifests.append(try manifest(generation: generation)) }
    guard !manifests.isEmpty else { throw .baselineMissing("vfio-*.json") }
    return manifests
  }

  /// The diff against the baseline the header is closest to: the fewest findings, and among equals the
  /// newest generation. `baselines` must not be empty.
  public static func nearest(to current: ABIManifest, among baselines: [ABIManifest]) -> ABIDiff {
    var best = ABIDiff(old: baselines[0], new: current)
    for baseline in baselines.dropFirst() {
      let diff = ABIDiff(old: baseline, new: current)
      if diff.findings.count <= best.findings.count { best = diff }
    }
    return best
  }
}
