import Foundation
@testable import VFIOABI

/// A manifest's numbers proven by clang itself: a unit that includes the header and `_Static_assert`s
/// every record's size and alignment, every field's offset and size (bit-fields and flexible arrays
/// aside, which `offsetof`/`sizeof` cannot name), every enumerator's and macro's value and sign.
/// It compiles only if every number is what the compiler computes.
enum StaticAssertions {
  static func source(for manifest: ABIManifest) -> String {
    var lines: [String] = []
    func equal(_ expression: String, _ value: String) -> String {
      let literal = value.hasPrefix("-") ? "(\(value)LL)" : "\(value)ULL"
      return "_Static_assert((\(expression)) == \(literal) && ((\(expression)) < 0) == \(value.hasPrefix("-") ? 1 : 0), \"\");"
    }
    for macro in manifest.macros { lines.append(equal(macro.name, macro.value)) }
    var names: Set<String> = []
    for record in manifest.records {
      names.insert(record.name)
      for field in record.fields { names.insert(field.name) }
    }
    for constant in manifest.enumConstants { names.insert(constant.name) }
    for name in names.sorted() where name != "defined" { lines.append("#undef \(name)") }
    for constant in manifest.enumConstants { lines.append(equal(constant.name, constant.value)) }
    for record in manifest.records {
      let type = record.namedByTypedef == true ? record.name : "\(record.kind.rawValue) \(record.name)"
      lines.append(equal("sizeof(\(type))", String(record.size)))
      lines.append(equal("_Alignof(\(type))", String(record.alignment)))
      for field in record.fields where field.bitWidth == nil {
        lines.append(equal("__builtin_offsetof(\(type), \(field.name))", String(field.offset)))
        if field.size > 0 { lines.append(equal("sizeof(((\(type) *)0)->\(field.name))", String(field.size))) }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// clang's first error when the assertions do not all hold, nil when they do.
  static func check(
    _ manifest: ABIManifest, path: String, clang: String, includes: [String], flags: [String] = []
  ) throws -> String? {
    let arguments = [clang, "-fsyntax-only", "-w", "-ferror-limit=5"] + flags + includes.flatMap { ["-I", $0] }
      + ["-include", path, "-x", "c", "-"]
    let run = try ChildProcess.run([.init(arguments: arguments, stdin: Array(source(for: manifest).utf8))])[0]
    guard run.status != 0 else { return nil }
    let text = String(decoding: run.stderr, as: UTF8.self)
    return text.split(separator: "\n").first { $0.contains("error") }.map(String.init) ?? text
  }
}
