/// The differences between an old and a new manifest of the same header, judged by the ABI rules
/// of <doc:ChangeRules>.
public struct ABIDiff: Sendable {
  /// The old header's manifest.
  public let old: ABIManifest
  /// The new header's manifest.
  public let new: ABIManifest
  /// Records first (in the old header's order, then added ones), then constants.
  public let findings: [Finding]

  /// Whether any finding is binary-breaking.
  public var isBreaking: Bool { findings.contains(where: \.breaking) }

  /// Whether any finding is source-breaking (and none binary-breaking, which says more).
  public var isSourceBreaking: Bool { !isBreaking && findings.contains { $0.verdict == .sourceBreaking } }

  /// The verdict of the whole diff: its worst finding's.
  public var verdict: Finding.Verdict {
    isBreaking ? .binaryBreaking : isSourceBreaking ? .sourceBreaking : .compatible
  }

  /// The diff of two manifests of one target; manifests of different targets are refused, since no
  /// layout of one says anything about the other.
  public init(comparing old: ABIManifest, with new: ABIManifest) throws(ABIError) {
    guard old.target == new.target else { throw .targetMismatch(old: old.target, new: new.target) }
    self.init(old: old, new: new)
  }

  /// The diff, whatever the targets: comparing one header across targets is a question of its own
  /// (e.g. whether i386 and x86_64 agree), which findings answer as well.
  public init(old: ABIManifest, new: ABIManifest) {
    self.old = old
    self.new = new
    var findings: [Finding] = []
    let newRecords = Dictionary(new.records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let oldNames = Set(old.records.map(\.name))
    let visible = Dictionary(
      (new.included ?? []).map { ("\($0.kind == .record ? "record" : "constant") \($0.name)", $0) },
      uniquingKeysWith: { first, _ in first })
    for record in old.records {
      if let updated = newRecords[record.name] {
        findings += RecordComparison(old: record, new: updated).findings
      } else if let moved = visible["record \(record.name)"] {
        findings.append(
          Finding(
            kind: .recordMoved, declaration: record.declaration, old: record.summary, new: "in \(moved.file)",
            breaking: false, reason: "now defined in \(moved.file), which the header includes"))
      } else {
        findings.append(
          Finding(
            kind: .recordRemoved, declaration: record.declaration, old: record.summary, new: nil, breaking: true,
            reason: "removed"))
      }
    }
    for record in new.records where !oldNames.contains(record.name) {
      findings.append(
        Finding(
          kind: .recordAdded, declaration: record.declaration, old: nil, new: record.summary, breaking: false,
          reason: "new declaration"))
    }
    findings += Self.compareConstants(old: Constant.all(in: old), new: Constant.all(in: new), visible: visible)
    self.findings = VerdictRules.apply(findings, old: old, new: new)
  }

  /// Macros and enum constants share one namespace, so a macro that becomes an enum constant (or the
  /// reverse) is compared by value, as the code that uses its name sees it.
  private static func compareConstants(
    old: [Constant], new: [Constant], visible: [String: ABIIncludedDeclaration]
  ) -> [Finding] {
    var findings: [Finding] = []
    // A name can be both: `#define NFNLGRP_NONE NFNLGRP_NONE` names the enumerator so that `#ifdef`
    // can test it. Each is compared with its like first, so an unchanged header has no findings.
    let newByName = Dictionary(grouping: new, by: \.name)
    let oldNames = Set(old.map(\.name))
    for constant in old {
      let candidates = newByName[constant.name] ?? []
      let counterpart = candidates.first { $0.origin == constant.origin } ?? candidates.first
      if counterpart == nil, let moved = visible["constant \(constant.name)"], let value = moved.value {
        let same = value == constant.value
        // A count sentinel that moved with its list and grew there, as it does in place.
        let grew = !same && Sentinel.matches(constant.name) && Sentinel.grew(constant.value, value) == true
        findings.append(
          Finding(
            kind: same ? .constantMoved : grew ? .sentinelGrew : .constantValueChanged, declaration: constant.name,
            old: constant.summary, new: "\(value) in \(moved.file)", breaking: !same && !grew,
            reason: same
              ? "same value, now defined in \(moved.file), which the header includes"
              : grew ? "count sentinel grew, now defined in \(moved.file): new values were added before it" : "value changed"))
        continue
      }
      guard let updated = counterpart else {
        findings.append(
          Finding(
            kind: .constantRemoved, declaration: constant.name, old: constant.summary, new: nil, breaking: true,
            reason: "removed"))
        continue
      }
      if constant.value != updated.value, Sentinel.matches(constant.name), let grew = Sentinel.grew(constant.value, updated.value),
        grew
      {
        findings.append(
          Finding(
            kind: .sentinelGrew, declaration: constant.name, old: constant.summary, new: updated.summary,
            breaking: false, reason: "count sentinel grew: new values were added before it"))
      } else if constant.value != updated.value {
        findings.append(
          Finding(
            kind: .constantValueChanged, declaration: constant.name, old: constant.summary, new: updated.summary,
            breaking: true, reason: constant.isIoctl ? "ioctl request number changed" : "value changed"))
      } else if constant.origin != updated.origin {
        findings.append(
          Finding(
            kind: .constantMoved, declaration: constant.name, old: constant.summary, new: updated.summary,
            breaking: false, reason: "same value, now \(updated.origin)"))
      }
    }
    for constant in new where !oldNames.contains(constant.name) {
      findings.append(
        Finding(
          kind: .constantAdded, declaration: constant.name, old: nil, new: constant.summary, breaking: false,
          reason: "new declaration"))
    }
    return findings
  }
}

/// A macro or an enum constant, as the diff compares them.
private struct Constant {
  var name: String
  var value: String
  /// `macro` or `enum <tag>` / `anonymous enum`.
  var origin: String
  var isIoctl: Bool

  static func all(in manifest: ABIManifest) -> [Constant] {
    manifest.macros.map {
      Constant(name: $0.name, value: $0.value, origin: "a macro", isIoctl: $0.definition.contains("_IO"))
    }
      + manifest.enumConstants.map {
        Constant(
          name: $0.name, value: $0.value, origin: $0.enumName.map { "in enum \($0)" } ?? "in an anonymous enum",
          isIoctl: false)
      }
  }

  var summary: String {
    guard let number = Int64(value), number >= 16 || number < 0 else { return value }
    let hex = number < 0 ? "" : " (0x\(String(number, radix: 16)))"
    return value + hex
  }
}

extension ABIRecord {
  var declaration: String { spelling }
  var summary: String { "size \(size), align \(alignment)\(packed ? ", packed" : "")" }
}

extension ABIField {
  var summary: String {
    let bits = bitWidth.map { width in ", bits \(bitOffset ?? 0)+\(width)" } ?? ""
    return "offset \(offset)\(bits), size \(size), \(type)"
  }

  /// Whether the name marks space set aside for later use: `reserved`, `resv`, `rsvd`, `pad`,
  /// `padding`, `unused` anywhere in it, or exactly `res` (the names check-uapi.sh lets be expanded into).
  var isReserved: Bool {
    // Asked for every field the record comparison meets: a C identifier is ASCII, searched as bytes,
    // where `lowercased()` and String's `contains` (a generic searcher) cost a `vfio abi check` of
    // vfio.h 9.7 of its 117 million instructions. Any other name takes the String path.
    var lowered: [UInt8] = []
    lowered.reserveCapacity(name.utf8.count)
    for byte in name.utf8 {
      guard byte < 0x80 else { return Self.isReservedName(name) }
      lowered.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
    }
    return Self.reservedWords.contains { word in
      word.count <= lowered.count && (0...(lowered.count - word.count)).contains { start in
        lowered[start..<(start + word.count)].elementsEqual(word)
      }
    } || lowered.elementsEqual("res".utf8)
  }

  private static let reservedWords = ["reserved", "resv", "rsvd", "pad", "unused"].map { Array($0.utf8) }

  /// ``isReserved`` for any name, by Unicode's lowercasing.
  static func isReservedName(_ name: String) -> Bool {
    let lowered = name.lowercased()
    return ["reserved", "resv", "rsvd", "pad", "unused"].contains(where: lowered.contains) || lowered == "res"
  }

  /// `T x[0]` or `T x[1]` becoming `T x[]`: the old way of declaring a trailing variable-length array.
  func isOneOrZeroElementArray(becoming updated: ABIField) -> Bool {
    for suffix in ["[0]", "[1]"] where canonicalType.hasSuffix(suffix) {
      let element = canonicalType.dropLast(suffix.count)
      if updated.canonicalType == element + "[]" && !element.contains("[") && !element.contains("(") { return true }
    }
    return false
  }

  /// Where the field ends, saturating: a manifest built in code may hold any numbers.
  var end: Int {
    let (sum, overflow) = offset.addingReportingOverflow(size)
    return overflow ? (size < 0 ? .min : .max) : sum
  }
}
