/// The rules that tell binary-breaking changes from source-breaking and compatible ones, applied to the
/// findings the record and constant rules made. Each is decided by what changed — names, values,
/// layouts — and never by which header it is in.
enum VerdictRules {
  static func apply(_ findings: [Finding], old: ABIManifest, new: ABIManifest) -> [Finding] {
    var findings = findings
    flexibleArrayUnions(&findings, old: old, new: new)
    // What broke binaries, by declaration: a compatible finding (an alias, a new union member) moves nothing.
    let kinds = Dictionary(
      grouping: findings.indices.filter { findings[$0].verdict == .binaryBreaking }, by: { findings[$0].declaration }
    ).mapValues { Set($0.map { findings[$0].kind }) }
    let reused = reusedValues(old: old, new: new)
    let newValues = Dictionary(
      new.macros.map { ($0.name, $0.value) } + new.enumConstants.map { ($0.name, $0.value) },
      uniquingKeysWith: { first, _ in first })
    renames(&findings, old: old, new: new)
    for index in findings.indices where findings[index].verdict == .binaryBreaking {
      let finding = findings[index]
      switch finding.kind {
      case .constantRemoved where reused[finding.declaration] != nil:
        findings[index].reclassify(
          .binaryBreaking, "removed, and its value now names \(reused[finding.declaration] ?? "") in the same enum", rule: "reusedEnumValue")
      case .constantRemoved, .recordRemoved:
        findings[index].reclassify(.sourceBreaking, "removed: code naming it no longer compiles; binaries keep what they were built with", rule: "nameRemoved")
      case .fieldTypeChanged where (kinds[finding.declaration] ?? []).isDisjoint(with: [.fieldSizeChanged, .fieldOffsetChanged, .fieldBitsChanged]):
        findings[index].reclassify(.sourceBreaking, "type respelled at the same offset and size: the bytes are where they were", rule: "typeRespelled")
      case .constantValueChanged where finding.declaration.contains("_VERSION"):
        findings[index].reclassify(.compatible, "a version number: it changes when the interface grows", rule: "versionNumber")
      case .constantValueChanged where isMaskOfSiblings(finding.declaration, values: newValues):
        findings[index].reclassify(.compatible, "a mask of all the flags: it is the OR of the others, which grew", rule: "maskOfAllFlags")
      case .recordAlignmentChanged where layoutHolds(finding.declaration, kinds: kinds):
        findings[index].reclassify(.compatible, "alignment only: every offset and the size hold", rule: "alignmentOnly")
      default:
        continue
      }
    }
    return findings
  }

  /// Enumerators of a named enum that the new header removed while another enumerator of that enum
  /// took their value: a binary still sending the old number now asks for something else.
  private static func reusedValues(old: ABIManifest, new: ABIManifest) -> [String: String] {
    let newNames = Set(new.enumConstants.map(\.name) + new.macros.map(\.name))
    var newByEnumValue: [String: String] = [:]
    for constant in new.enumConstants {
      guard let enumName = constant.enumName else { continue }
      newByEnumValue["\(enumName) \(constant.value)"] = newByEnumValue["\(enumName) \(constant.value)"] ?? constant.name
    }
    let oldValues = Dictionary(old.enumConstants.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    var reused: [String: String] = [:]
    for constant in old.enumConstants where !newNames.contains(constant.name) {
      guard let enumName = constant.enumName, let taker = newByEnumValue["\(enumName) \(constant.value)"],
        oldValues[taker] != constant.value
      else { continue }
      reused[constant.name] = taker
    }
    return reused
  }

  /// A member added inside the old bytes of a member that kept its offset, the record's size unchanged
  /// and nothing moved: a trailing `[1]` array wrapped in a union with its old padding and a flexible
  /// array (`union { __le16 legacy_padding; __DECLARE_FLEX_ARRAY(__le16, wData); }`), whose layout is
  /// the old one.
  private static func flexibleArrayUnions(_ findings: inout [Finding], old: ABIManifest, new: ABIManifest) {
    let oldRecords = Dictionary(old.records.map { ($0.declaration, $0) }, uniquingKeysWith: { first, _ in first })
    let newRecords = Dictionary(new.records.map { ($0.declaration, $0) }, uniquingKeysWith: { first, _ in first })
    let moved = Set(findings.filter { [.fieldOffsetChanged, .fieldInserted, .recordSizeChanged].contains($0.kind) }.map {
      $0.declaration.split(separator: ".").first.map(String.init) ?? $0.declaration
    })
    for index in findings.indices where findings[index].kind == .fieldAdded && findings[index].verdict == .binaryBreaking {
      let declaration = findings[index].declaration
      guard let dot = declaration.lastIndex(of: ".") else { continue }
      let record = String(declaration[..<dot])
      let name = String(declaration[declaration.index(after: dot)...])
      guard !moved.contains(record), let before = oldRecords[record], let after = newRecords[record], before.size == after.size,
        let field = after.fields.first(where: { $0.name == name }), field.bitWidth == nil
      else { continue }
      let kept = before.fields.first { old in
        old.bitWidth == nil && old.offset == field.offset && field.end <= old.end
          && after.fields.contains { $0.name == old.name && $0.offset == old.offset }
      }
      // Old members whose bytes are where they were: same name, offset and size in the new record.
      let keptMembers = before.fields.filter { old in
        old.bitWidth == nil && after.fields.contains { $0.name == old.name && $0.offset == old.offset && $0.size == old.size }
      }
      if let kept {
        findings[index].reclassify(
          .compatible, "inside the old bytes of \(kept.name), which kept its place (a union with a flexible array)",
          rule: "flexibleArrayUnion")
      } else if field.size > 0, let covering = covered(field, by: keptMembers) {
        findings[index].reclassify(
          .compatible,
          "aliases the old bytes of \(covering.map(\.name).joined(separator: ", ")), which kept their places (a union member)",
          rule: "aliasOfKeptMembers")
      }
    }
  }

  /// The kept members whose bytes together cover every byte of `field`, or nil when a byte of it was
  /// padding or belonged to a member that moved: a new union member over bytes old binaries already
  /// read and write as before.
  private static func covered(_ field: ABIField, by kept: [ABIField]) -> [ABIField]? {
    var cursor = field.offset
    var covering: [ABIField] = []
    for member in kept.sorted(by: { ($0.offset, $0.end) < ($1.offset, $1.end) }) where member.size > 0 {
      guard cursor < field.end else { break }
      guard member.offset <= cursor else { return nil }
      if member.end > cursor {
        covering.append(member)
        cursor = member.end
      }
    }
    return cursor >= field.end ? covering : nil
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
      findings[index].reclassify(.sourceBreaking, "renamed to \(newName) at the same offset, size and type", rule: "rename")
      findings[partner].reclassify(.sourceBreaking, "\(name) renamed, at the same offset, size and type", rule: "rename")
    }
  }
}
