import FoundationEssentials
import Glibc

/// A tree diff as a human report or as JSON.
public struct ABITreeReport: Sendable {
  /// The tree comparison reported.
  public let diff: ABITreeDiff
  /// The schema version of ``json()``.
  public static let schemaVersion = 1

  /// A report of `diff`.
  public init(_ diff: ABITreeDiff) { self.diff = diff }

  /// `517 headers checked: 489 compatible, 20 breaking, 8 not standalone`, with new, removed and failed
  /// headers named when there are any.
  public var summaryLine: String {
    let summary = diff.summary
    var line = "\(summary.headers) headers checked: \(summary.compatible) compatible, \(summary.breaking) breaking, \(summary.notStandalone) not standalone"
    var notes: [String] = []
    if summary.added > 0 { notes.append("\(summary.added) new") }
    if summary.removed > 0 { notes.append("\(summary.removed) removed") }
    if summary.failed > 0 { notes.append("\(summary.failed) could not be checked") }
    if !notes.isEmpty { line += " (" + notes.joined(separator: ", ") + ")" }
    return line
  }

  /// Breaking headers with their breaking findings, then headers that are not standalone or failed,
  /// then the summary line.
  public func text(colour: Bool) -> String {
    func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    var lines = ["\(diff.old.root) → \(diff.new.root) (\(diff.target.triple))"]
    for entry in diff.entries {
      switch entry.outcome {
      case .compared(let headerDiff) where headerDiff.isBreaking:
        lines.append("")
        lines.append(paint("\(entry.header): breaking", "1;31"))
        for finding in headerDiff.findings where finding.breaking {
          lines.append("    " + ABIReport.line(finding))
        }
      case .removed:
        lines.append("")
        lines.append(paint("\(entry.header): removed", "1;31"))
      default:
        continue
      }
    }
    let unchecked = diff.entries.compactMap { entry -> String? in
      switch entry.outcome {
      case .notStandalone(let side, let firstError): "  \(entry.header) (not standalone, \(side)): \(firstError)"
      case .failed(let error): "  \(entry.header) (could not check): \(error)"
      default: nil
      }
    }
    if !unchecked.isEmpty {
      lines.append("")
      lines.append("Not checked (\(unchecked.count))")
      lines += unchecked
    }
    if !diff.skipped.isEmpty {
      lines.append("")
      lines.append("Skipped, not a regular file (\(diff.skipped.count))")
      lines += diff.skipped.map { "  \($0)" }
    }
    lines.append("")
    lines.append(paint(summaryLine, diff.isBreaking ? "1;31" : "1;32"))
    return lines.joined(separator: "\n") + "\n"
  }

  /// `{"schemaVersion", "verdict", "old", "new", "target", "summary", "headers": [{"header", "status",
  /// "findings"?, "side"?, "error"?}], "skipped"?: [path]}`; `status` is `compatible`, `breaking`,
  /// `sourceBreaking`, `added`, `removed`, `notStandalone` or `failed`.
  public func json() -> Data {
    struct Header: Encodable {
      var header: String
      var status: String
      var findings: [Finding]?
      var side: String?
      var error: String?
    }
    struct Document: Encodable {
      var schemaVersion: Int
      var verdict: String
      var old: String
      var new: String
      var target: String
      var summary: ABITreeDiff.Summary
      var headers: [Header]
      /// Absent when no file was skipped (an optional key: readers of schema 1 are unaffected).
      var skipped: [String]?
    }
    let headers = diff.entries.map { entry -> Header in
      switch entry.outcome {
      case .compared(let headerDiff):
        Header(header: entry.header, status: ABIReport.name(headerDiff.verdict), findings: headerDiff.findings)
      case .unchanged: Header(header: entry.header, status: "compatible", findings: [])
      case .added: Header(header: entry.header, status: "added")
      case .removed: Header(header: entry.header, status: "removed")
      case .notStandalone(let side, let firstError):
        Header(header: entry.header, status: "notStandalone", side: side, error: firstError)
      case .failed(let error): Header(header: entry.header, status: "failed", error: "\(error)")
      }
    }
    let document = Document(
      schemaVersion: Self.schemaVersion, verdict: diff.isBreaking ? "breaking" : "compatible", old: diff.old.root,
      new: diff.new.root, target: diff.target.triple, summary: diff.summary, headers: headers,
      skipped: diff.skipped.isEmpty ? nil : diff.skipped)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return ((try? encoder.encode(document)) ?? Data()) + Data("\n".utf8)
  }
}
