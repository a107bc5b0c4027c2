/// What clang answered to a probe unit, over as many runs as it takes: each run asks what is still
/// open; an entry on a line clang reports an error for is dropped (a macro that is a type or a pointer,
/// a flexible array's `sizeof`), and one a run leaves unanswered (lost to error recovery) is asked again.
struct ProbeAnswers {
  private(set) var values: [Int: String] = [:]
  private(set) var layouts = RecordLayouts()

  /// Bounds the reruns; each must answer or drop at least one entry, so this is never reached by a
  /// header that compiles.
  static let runLimit = 8

  init(unit: ProbeUnit, clang: Clang, arguments: [String], header: String) throws(ABIError) {
    var open = Array(unit.entries.indices)
    let flags = arguments + [
      "-fsyntax-only", "-Xclang", "-ast-dump=json", "-Xclang", "-ast-dump-filter=\(unit.prefix)",
      "-Xclang", "-fdump-record-layouts-simple",
    ]
    for _ in 0..<Self.runLimit where !open.isEmpty {
      let (source, entryAtLine) = unit.source(asking: open)
      let output = try clang.run([Clang.Run(arguments: flags, source: source)])[0]
      let rejected = Set(Self.errorLines(output.stderr).compactMap { entryAtLine[$0] })
      if output.status != 0 && rejected.isEmpty {
        throw .headerDoesNotCompile(header: header, firstError: output.firstError)
      }
      let (layoutText, json) = Self.split(output.stdout)
      layouts.merge(try RecordLayouts(dump: layoutText))
      for declaration in try JSONParser.values(Array(json)) {
        guard let name = declaration["name"]?.string, name.hasPrefix(unit.prefix),
          let index = Int(name.dropFirst(unit.prefix.count)), !rejected.contains(index),
          let value = Self.value(of: declaration)
        else { continue }
        values[index] = value
      }
      let remaining = open.filter { values[$0] == nil && !rejected.contains($0) }
      guard remaining.count < open.count else { break }
      open = remaining
    }
  }

  /// The value clang computed for an enumerator: its initializer's constant expression, found under
  /// the implicit conversion to the enumerator's type.
  private static func value(of declaration: JSONValue) -> String? {
    var node = declaration["inner"]?.array.first
    while let current = node {
      if current["kind"]?.string == "ConstantExpr" { return current["value"]?.string }
      guard current["kind"]?.string == "ImplicitCastExpr" else { return nil }
      node = current["inner"]?.array.first
    }
    return nil
  }

  /// The lines of the probe unit (read from stdin) that clang reports errors on.
  private static func errorLines(_ stderr: [UInt8]) -> [Int] {
    let prefix = Array("<stdin>:".utf8)
    var lines: [Int] = []
    for line in stderr.split(separator: UInt8(ascii: "\n")) where line.starts(with: prefix) {
      let rest = line.dropFirst(prefix.count)
      let digits = rest.prefix(while: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
      guard let number = Int(String(decoding: digits, as: UTF8.self)) else { continue }
      let afterLine = rest.dropFirst(digits.count)
      // `<stdin>:LINE:COL: error:` — a note or warning does not reject the entry.
      guard let space = afterLine.firstIndex(of: UInt8(ascii: " ")),
        afterLine[space...].starts(with: " error:".utf8) || afterLine[space...].starts(with: " fatal error:".utf8)
      else { continue }
      lines.append(number)
    }
    return lines
  }

  /// The record layouts clang printed while compiling, and the JSON it printed at the end, which
  /// starts at the first line beginning with `{` (no line of a layout does).
  private static func split(_ stdout: [UInt8]) -> (ArraySlice<UInt8>, ArraySlice<UInt8>) {
    var lineStart = 0
    while lineStart < stdout.count {
      if stdout[lineStart] == UInt8(ascii: "{") { return (stdout[..<lineStart], stdout[lineStart...]) }
      guard let newline = stdout[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }
      lineStart = newline + 1
    }
    return (stdout[...], [])
  }
}
