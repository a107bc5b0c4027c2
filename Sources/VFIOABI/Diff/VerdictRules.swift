/// The rules that tell binary-breaking changes from source-breaking and compatible ones, applied to the
/// findings the record and constant rules made. Each is decided by what changed — names, values,
/// layouts — and never by which header it is in.
enum VerdictRules {
  static func apply(_ findings: [Finding], old: ABIManifest, new: ABIManifest) -> [Finding] {
    var findings = findings
    let kinds = Dictionary(grouping: findings.indices, by: { findings[$0].declaration }).mapValues {
      Set($0.map { findings[$0].kind })
    }
    let newValues = Dictionary(
      new.macros.map { ($0.name, $0.value) } + new.enumConstants.map { ($0.name, $0.value) },
      uniquingKeysWith: { first, _ in first })
    renames(&findings, old: old, new: new)
    for index in findings.indices where findings[index].verdict == .binaryBreaking {
      let finding = findings[index]
      switch finding.kind {
      case .constantRemoved, .recordRemoved:
        findings[index].reclassify(.sourceBreaking, "removed: code naming it no longer compiles; binaries keep what they were built with")
      case .fieldTypeChanged where (kinds[finding.declaration] ?? []).isDisjoint(with: [.fieldSizeChanged, .fieldOffsetChanged, .fieldBitsChanged]):
        findings[index].reclassify(.sourceBreaking, "type respelled at the same offset and size: the bytes are where they were")
      case .constantValueChanged where finding.declaration.contains("_VERSION"):
        findings[index].reclassify(.compatible, "a version number: it changes when the interface grows")
      case .constantValueChanged where isMaskOfSiblings(finding.declaration, values: newValues):
        findings[index].reclassify(.compatible, "a mask of all the flags: it is the OR of the others, which grew")
      case .recordAlignmentChanged where layoutHolds(finding.declaration, kinds: kinds):
        findings[index].reclassify(.compatible, "alignment only: every offset and the size hold")
      default:
        continue
      }
    }
    return findings
  }

  /// `FOO_ALL` or `FOO_MASK` whose new value is the OR of every other `FOO_…` constant.
  static func isMaskOfSiblings(_ name: String, values: [String: String]) -> Bool {
    guard let suffix = ["_ALL", "_MASK"].first(where: name.hasSuffix), let value = values[name].flatMap({ UInt64($0) }) else {
      return false
    }
    let prefix = name.dropLast(suffix.count) + "_"
    var union: UInt64 = 0
    var siblings = 0
    for (other, otherValue) in values where other != name && other.hasPrefix(prefix) && !Sentinel.matches(other) {
      guard let bits = UInt64(otherValue) else { return false }
      union |= bits
      siblings += 1
    }
    return siblings > 1 && union == value
  }

  /// Whether no finding other than alignment touches the record or its members' places.
  private static func layoutHolds(_ record: String, kinds: [String: Set<Finding.Kind>]) -> Bool {
    let layout: Set<Finding.Kind> = [
      .recordSizeChanged, .recordKindChanged, .packedChanged, .fieldInserted, .fieldRemoved, .fieldOffsetChanged,
      .fieldSizeChanged, .fieldBitsChanged, .fieldAdded,
    ]
    for (declaration, found) in kinds where declaration == record || declaration.hasPrefix(record + ".") {
      if !found.isDisjoint(with: layout) { return false }
    }
    return true
  }

  /// A member removed and one added in its place — same offset, size, bits and canonical type — is a
  /// rename: the bytes mean what they meant, only the name code uses is gone.
  private static func renames(_ findings: inout [Finding], old: ABIManifest, new: ABIManifest) {
    let oldRecords = Dictionary(old.records.map { ($0.declaration, $0) }, uniquingKeysWith: { first, _ in first })
    let newRecords = Dictionary(new.records.map { ($0.declaration, $0) }, uniquingKeysWith: { first, _ in first })
    struct Place: Hashable {
      var record: String
      var offset: Int
      var size: Int
      var bitOffset: Int?
      var bitWidth: Int?
      var type: String
    }
    func split(_ declaration: String) -> (record: String, field: String)? {
      guard let dot = declaration.lastIndex(of: ".") else { return nil }
      return (String(declaration[..<dot]), String(declaration[declaration.index(after: dot)...]))
    }
    func place(_ record: String, _ field: ABIField) -> Place {
      Place(record: record, offset: field.offset, size: field.size, bitOffset: field.bitOffset, bitWidth: field.bitWidth, type: field.canonicalType)
    }
    var added: [Place: [Int]] = [:]
    for (index, finding) in findings.enumerated() where finding.kind == .fieldAdded && finding.verdict == .binaryBreaking {
      guard let (record, name) = split(finding.declaration), let field = newRecords[record]?.fields.first(where: { $0.name == name })
      else { continue }
      added[place(record, field), default: []].append(index)
    }
    for index in findings.indices where findings[index].kind == .fieldRemoved {
      guard let (record, name) = split(findings[index].declaration),
        let field = oldRecords[record]?.fields.first(where: { $0.name == name }),
        let partner = added[place(record, field)]?.popLast()
      else { continue }
      let newName = split(findings[partner].declaration)?.field ?? ""
      findings[index].reclassify(.sourceBreaking, "renamed to \(newName) at the same offset, size and type")
      findings[partner].reclassify(.sourceBreaking, "\(name) renamed, at the same offset, size and type")
    }
  }
}
