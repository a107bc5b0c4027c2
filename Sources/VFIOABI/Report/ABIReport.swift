import FoundationEssentials
import Glibc

/// A diff as a human report or as the JSON document <doc:HowAHeaderIsRead> describes.
public struct ABIReport: Sendable {
  /// The diff reported.
  public let diff: ABIDiff
  /// The schema version of ``json()``.
  public static let schemaVersion = 1

  /// A report of `diff`.
  public init(_ diff: ABIDiff) { self.diff = diff }

  /// `breaking` (binary-breaking), `sourceBreaking` or `compatible`.
  public var verdict: String { Self.name(diff.verdict) }

  /// A verdict's name in reports: `breaking` stays the name of binary-breaking, as before there were three.
  public static func name(_ verdict: Finding.Verdict) -> String {
    switch verdict {
    case .binaryBreaking: "breaking"
    case .sourceBreaking: "sourceBreaking"
    case .compatible: "compatible"
    }
  }

  /// The report grouped by verdict, then by records and constants; ANSI colour when `colour` is set.
  public func text(colour: Bool) -> String {
    func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    var lines = [
      "\(diff.old.header) (\(diff.old.target)) → \(diff.new.header) (\(diff.new.target))"
    ]
    let titles: [Finding.Verdict: (title: String, colour: String)] = [
      .binaryBreaking: ("Breaking", "1;31"), .sourceBreaking: ("Source-breaking", "1;33"), .compatible: ("Compatible", "1;32"),
    ]
    for verdict in Finding.Verdict.allCases {
      let selected = diff.findings.filter { $0.verdict == verdict }
      // The source-breaking section only when there is one: reports without any read as before.
      if verdict == .sourceBreaking && selected.isEmpty { continue }
      let (title, colour) = titles[verdict] ?? ("", "0")
      lines.append("")
      lines.append(paint("\(title) (\(selected.count))", colour))
      for group in Finding.Group.allCases {
        let members = selected.filter { $0.group == group }
        guard !members.isEmpty else { continue }
        lines.append("  \(group.rawValue) (\(members.count))")
        for finding in members {
          lines.append("    " + Self.line(finding))
          for shift in finding.shiftedFields {
            lines.append("        shifts \(shift.name): offset \(shift.oldOffset) → \(shift.newOffset)")
          }
        }
      }
    }
    lines.append("")
    let sourceBreaking = diff.findings.filter { $0.verdict == .sourceBreaking }.count
    let summary = "\(diff.findings.filter(\.breaking).count) breaking, "
      + (sourceBreaking > 0 ? "\(sourceBreaking) source-breaking, " : "")
      + "\(diff.findings.filter { $0.verdict == .compatible }.count) compatible"
    lines.append(paint("Verdict: \(verdict) (\(summary))", titles[diff.verdict]?.colour ?? "0"))
    return lines.joined(separator: "\n") + "\n"
  }

  static func line(_ finding: Finding) -> String {
    let change: String
    switch (finding.old, finding.new) {
    case (let old?, let new?): change = "\(old) → \(new)"
    case (nil, let new?): change = "+ \(new)"
    case (let old?, nil): change = "- \(old)"
    case (nil, nil): change = ""
    }
    return "\(finding.declaration): \(finding.kind.rawValue): \(change) (\(finding.reason))"
  }

  /// `{"schemaVersion", "verdict", "old": {header, target}, "new": {…}, "findings": [Finding]}`; each
  /// finding carries its `class` (``Finding/Verdict``) beside `breaking`.
  public func json() -> Data {
    struct Side: Encodable {
      var header: String
      var target: String
    }
    struct Document: Encodable {
      var schemaVersion: Int
      var verdict: String
      var old: Side
      var new: Side
      var findings: [Finding]
    }
    let document = Document(
      schemaVersion: Self.schemaVersion, verdict: verdict,
      old: Side(header: diff.old.header, target: diff.old.target),
      new: Side(header: diff.new.header, target: diff.new.target), findings: diff.findings)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return ((try? encoder.encode(document)) ?? Data()) + Data("\n".utf8)
  }
}
