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
  /// The manifest of the header the package was built against (``Toolchain/headerIncludeDirectory``).
  static func currentHeader() throws(ABIError) -> ABIManifest {
    try dumped.get()
  }

  private static let dumped = Result { () throws(ABIError) -> ABIManifest in
    try ABIManifest.dump(header: .vfio, includeDirectories: Toolchain.headerIncludeDirectory.map { [$0] } ?? [])
  }

  /// The committed baseline of the header generation under test: `VFIO_HEADER_GENERATION` as
  /// scripts/test.sh sets it, else the baseline whose records equal the current header's.
  static func baseline(for current: ABIManifest) throws -> (generation: String, manifest: ABIManifest) {
    if HeaderGeneration.current != "installed" {
      return (HeaderGeneration.current, try ABIBaseline.manifest(generation: HeaderGeneration.current))
    }
    for generation in try ABIBaseline.generations() {
      let manifest = try ABIBaseline.manifest(generation: generation)
      if manifest.records == current.records { return (generation, manifest) }
    }
    throw HeaderGeneration.Unknown()
  }
}
