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
}
