/// A manifest as readable text: one block per record, then enum constants and macros.
public struct ABIManifestText: Sendable {
  /// The manifest to render.
  public let manifest: ABIManifest

  /// The text form of `manifest`.
  public init(_ manifest: ABIManifest) { self.manifest = manifest }

  /// The text `vfio abi dump` prints: a header line, then one block per record with each field's
  /// offset, size and type, then the enum constants and macros with their values.
  public var rendered: String {
    // Written as bytes: a string interpolated per line, then joined, cost 3,400 instructions a line
    // (67 million for 20,000 macros, a third of what a dump costs besides clang's parses).
    var text: [UInt8] = []
    text.reserveCapacity(64 * (manifest.macros.count + manifest.enumConstants.count) + 256 * manifest.records.count + 256)
    func write(_ parts: String...) { for part in parts { text += part.utf8 } }
    write("# ", manifest.header, " for ", manifest.target, "\n")
    for record in manifest.records {
      write("\n", record.declaration, "  [", record.summary, "]\n")
      let width = record.fields.map(\.type.count).max() ?? 0
      for field in record.fields {
        let position = field.bitWidth.map { "\(field.offset):\(field.bitOffset ?? 0)+\($0)" } ?? String(field.offset)
        write("  ", position.leftPadded(to: 7), "  ", field.type, String(repeating: " ", count: max(0, width - field.type.count)))
        write("  ", field.name, "  (size ", String(field.size), ")\n")
      }
    }
    if !manifest.enumConstants.isEmpty {
      write("\nenum constants\n")
      for constant in manifest.enumConstants {
        write("  ", constant.name, " = ", constant.value, "  (")
        if let name = constant.enumName { write("enum ", name, ")\n") } else { write("anonymous enum)\n") }
      }
    }
    if !manifest.macros.isEmpty {
      write("\nmacros\n")
      for macro in manifest.macros {
        text += "  ".utf8
        text += macro.name.utf8
        text += " = ".utf8
        text += macro.value.utf8
        text += "  [".utf8
        text += macro.definition.utf8
        text += "]\n".utf8
      }
    }
    return String(decoding: text, as: UTF8.self)
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }
}
