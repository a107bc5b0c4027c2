/// A manifest as readable text: one block per record, then enum constants and macros.
public struct ABIManifestText: Sendable {
  /// The manifest to render.
  public let manifest: ABIManifest

  /// The text form of `manifest`.
  public init(_ manifest: ABIManifest) { self.manifest = manifest }

  /// The text `vfio abi dump` prints: a header line, then one block per record with each field's
  /// offset, size and type, then the enum constants and macros with their values.
  public var rendered: String {
    var lines = ["# \(manifest.header) for \(manifest.target)"]
    for record in manifest.records {
      lines.append("")
      lines.append("\(record.declaration)  [\(record.summary)]")
      let width = record.fields.map(\.type.count).max() ?? 0
      for field in record.fields {
        let position = field.bitWidth.map { "\(field.offset):\(field.bitOffset ?? 0)+\($0)" } ?? "\(field.offset)"
        let padding = String(repeating: " ", count: max(0, width - field.type.count))
        lines.append("  \(position.leftPadded(to: 7))  \(field.type)\(padding)  \(field.name)  (size \(field.size))")
      }
    }
    if !manifest.enumConstants.isEmpty {
      lines.append("")
      lines.append("enum constants")
      for constant in manifest.enumConstants {
        lines.append("  \(constant.name) = \(constant.value)  (\(constant.enumName.map { "enum \($0)" } ?? "anonymous enum"))")
      }
    }
    if !manifest.macros.isEmpty {
      lines.append("")
      lines.append("macros")
      for macro in manifest.macros {
        lines.append("  \(macro.name) = \(macro.value)  [\(macro.definition)]")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }
}
