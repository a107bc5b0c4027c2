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
  /// newest generation. Only baselines of the manifest's target are candidates.
  public static func nearest(to current: ABIManifest, among baselines: [ABIManifest]) throws(ABIError) -> ABIDiff {
    var best: ABIDiff?
    for baseline in baselines where baseline.target == current.target {
      let diff = try ABIDiff(comparing: baseline, with: current)
      if best.map({ diff.findings.count <= $0.findings.count }) ?? true { best = diff }
    }
    guard let best else {
      throw .targetMismatch(old: baselines.first?.target ?? "no baseline", new: current.target)
    }
    return best
  }
}
