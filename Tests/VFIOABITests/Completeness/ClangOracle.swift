import Foundation
@testable import VFIOABI

/// What a header declares, counted independently of the library's reader: Foundation's JSON parser on
/// clang's JSON AST (records and enumerators), `clang -E -dM` (the macros left defined) and the header's
/// own text (which names it `#define`s).
struct ClangOracle {
  /// Named, complete structs and unions whose name is written in the header.
  var records: Set<String> = []
  var enumerators: Set<String> = []
  /// Macros left defined after the header whose body is a plain integer literal and whose `#define`
  /// appears in the header's text, with the literal's value.
  var literalMacros: [String: String] = [:]
  /// Every macro left defined after the header, with its body.
  var definedMacros: [String: String] = [:]

  enum Verdict {
    case standalone(ClangOracle)
    case notStandalone
  }

  static func examine(_ path: String, clang: String, includes: [String]) throws -> Verdict {
    let flags = includes.flatMap { ["-I", $0] } + ["-w", "-include", path, "-x", "c", "/dev/null"]
    let runs = try ChildProcess.run([
      .init(arguments: [clang, "-fsyntax-only", "-Xclang", "-ast-dump=json"] + flags),
      .init(arguments: [clang, "-E", "-dM"] + flags),
    ])
    guard runs[0].status == 0 else { return .notStandalone }
    var oracle = ClangOracle()
    let ast = try JSONSerialization.jsonObject(with: Data(runs[0].stdout), options: [.fragmentsAllowed])
    var walker = Walker(header: path)
    walker.visit(ast)
    oracle.records = walker.records
    oracle.enumerators = walker.enumerators
    let text = String(decoding: (FileManager.default.contents(atPath: path) ?? Data()), as: UTF8.self)
    // The header's own `#define NAME BODY` lines, bodies with whitespace collapsed and a trailing
    // comment dropped: a macro counts as the header's only when clang's final body is one of them.
    var written: [String: Set<String>] = [:]
    for line in text.split(separator: "\n") {
      var rest = line.drop(while: { $0 == " " || $0 == "\t" })
      guard rest.hasPrefix("#") else { continue }
      rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
      guard rest.hasPrefix("define") else { continue }
      rest = rest.dropFirst("define".count).drop(while: { $0 == " " || $0 == "\t" })
      let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
      var body = rest.dropFirst(name.count)
      guard !name.isEmpty, body.first != "(" else { continue }
      if let comment = body.range(of: "/*") { body = body[..<comment.lowerBound] }
      if let comment = body.range(of: "//") { body = body[..<comment.lowerBound] }
      let words = body.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
      written[String(name), default: []].insert(words)
    }
    for line in String(decoding: runs[1].stdout, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count >= 2, parts[0] == "#define", !parts[1].contains("(") else { continue }
      let name = String(parts[1])
      let body = parts.count == 3 ? String(parts[2]) : ""
      oracle.definedMacros[name] = body
      if written[name]?.contains(body) == true, let value = Self.literal(body) { oracle.literalMacros[name] = value }
    }
    return .standalone(oracle)
  }

  /// The value of `123`, `0x1fU`, `(4096UL)`, `-1`, `(-22)`; nil for anything else.
  static func literal(_ body: String) -> String? {
    var text = Substring(body)
    while text.hasPrefix("("), text.hasSuffix(")") { text = text.dropFirst().dropLast() }
    let negative = text.hasPrefix("-")
    if negative { text = text.dropFirst() }
    while let last = text.last, "uUlL".contains(last) { text = text.dropLast() }
    let value: UInt64?
    if text.hasPrefix("0x") || text.hasPrefix("0X") {
      value = UInt64(text.dropFirst(2), radix: 16)
    } else if text.count > 1, text.hasPrefix("0") {
      value = UInt64(text.dropFirst(), radix: 8)
    } else {
      value = UInt64(text, radix: 10)
    }
    // A literal beyond Int64 keeps its unsigned value; one too large for `int` may be typed long.
    guard let value, !text.isEmpty else { return nil }
    if negative { return value == 0 ? "0" : "-\(value)" }
    return "\(value)"
  }
}

/// Walks the JSON AST with the document order clang writes keys in (`loc`, then `range` with `begin`
/// and `end`, spelling before expansion, then `inner`), following the file of each location.
private struct Walker {
  let header: String
  var file: String?
  var records: Set<String> = []
  var enumerators: Set<String> = []

  mutating func location(_ value: Any?) {
    guard let object = value as? [String: Any] else { return }
    if object["offset"] != nil {
      if let name = object["file"] as? String { file = name }
      return
    }
    location(object["spellingLoc"])
    location(object["expansionLoc"])
  }

  mutating func visit(_ value: Any) {
    guard let node = value as? [String: Any] else { return }
    location(node["loc"])
    let declared = file
    if let range = node["range"] as? [String: Any] {
      location(range["begin"])
      location(range["end"])
    }
    let kind = node["kind"] as? String
    if kind == "RecordDecl", declared == header, node["completeDefinition"] as? Bool == true,
      let name = node["name"] as? String
    {
      records.insert(name)
    }
    // `typedef struct { … } name;`: clang prints the type of the typedef that names a record without
    // a tag as `struct name`, and the record it refers to has an empty name.
    if kind == "TypedefDecl", declared == header, let name = node["name"] as? String,
      let type = (node["type"] as? [String: Any])?["qualType"] as? String,
      type == "struct \(name)" || type == "union \(name)", Self.refersToUntaggedRecord(node)
    {
      records.insert(name)
    }
    if kind == "EnumConstantDecl", declared == header, let name = node["name"] as? String {
      enumerators.insert(name)
    }
    for child in node["inner"] as? [Any] ?? [] { visit(child) }
  }

  /// Whether some `RecordType` below the node refers to a record declaration with an empty name.
  private static func refersToUntaggedRecord(_ value: Any) -> Bool {
    guard let node = value as? [String: Any] else { return false }
    if node["kind"] as? String == "RecordType", let decl = node["decl"] as? [String: Any] {
      return (decl["name"] as? String ?? "").isEmpty
    }
    return (node["inner"] as? [Any] ?? []).contains { refersToUntaggedRecord($0) }
  }
}
