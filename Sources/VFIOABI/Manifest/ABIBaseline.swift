import FoundationEssentials
import Glibc

/// The manifests committed with this package, one per header generation, made by
/// `scripts/make-baselines.sh` with `vfio abi dump --json`.
public enum ABIBaseline {
  /// The generations that have a baseline, oldest first: `5.10`, `6.1`, `6.12`, …
  public static func generations() throws(ABIError) -> [String] {
    guard !embedded.isEmpty else { throw .baselineMissing("Baselines") }
    return embedded.map(\.generation).sorted { versionNumbers($0).lexicographicallyPrecedes(versionNumbers($1)) }
  }

  /// The committed manifest of `vfio.h` for one generation.
  public static func manifest(generation: String) throws(ABIError) -> ABIManifest {
    if let known = decoded.withLock({ $0[generation] }) { return known }
    let name = "vfio-\(generation).json"
    guard let json = embedded.first(where: { $0.generation == generation })?.json else { throw .baselineMissing(name) }
    let manifest = try ABIManifest(json: Data(json), source: "Baselines/" + name)
    decoded.withLock { $0[generation] = manifest }
    return manifest
  }

  /// The baselines read so far: a check reads its baseline ahead, beside the dump of the header it
  /// checks (see ``dumpWithGeneration(header:target:includeDirectories:)``), and again to judge
  /// the findings.
  private static let decoded = Locked<[String: ABIManifest]>([:])

  /// `Baselines/vfio-<generation>.json`, compiled into the library (`.embedInCode` in `Package.swift`):
  /// a resource bundle would be found through Foundation's `Bundle`, whose loading every run of `vfio`
  /// would pay. A test checks that this list names every file of the directory.
  static let embedded: [(generation: String, json: [UInt8])] = [
    ("5.10", PackageResources.vfio_5_10_json),
    ("6.1", PackageResources.vfio_6_1_json),
    ("6.12", PackageResources.vfio_6_12_json),
    ("7.2", PackageResources.vfio_7_2_json),
    ("7.3", PackageResources.vfio_7_3_json),
  ]

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
