import VFIO
import VFIOABI

extension StructLayout {
  /// A record of an ABI manifest (a `vfio abi dump` of a header) as a layout description.
  init(_ record: ABIRecord) {
    self.init(
      name: record.name,
      size: record.size,
      alignment: record.alignment,
      isPacked: record.packed,
      fields: record.fields.map {
        FieldLayout(name: $0.name, offset: $0.offset, size: $0.size, isFlexibleArray: $0.isFlexibleArray)
      }
    )
  }
}

enum ManifestLayouts {
  /// The manifest of the installed `<linux/vfio.h>`, the header the package was built against.
  static func currentHeader() throws(ABIError) -> ABIManifest {
    try dumped.get()
  }

  private static let dumped = Result { () throws(ABIError) -> ABIManifest in
    try ABIManifest.dump(header: .vfio)
  }

  /// The committed baseline for the installed header's generation, or, for a header newer than
  /// every baseline, the newest one (which the header must then be compatible with).
  static func baseline() throws(ABIError) -> ABIBaseline.Selection {
    try ABIBaseline.select(for: LinuxVersion.headers.generation)
  }

  /// The breaking findings of `diff` (the installed header against `selection`, the baseline of an
  /// older generation) that the kernel's own changes do not explain. A header between two
  /// baselines may carry any break the kernel made between them, which the diff of the two
  /// baselines names; a header newer than every baseline may only extend the newest.
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
