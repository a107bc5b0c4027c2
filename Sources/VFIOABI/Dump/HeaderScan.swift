/// What the header's own text names, found without running the preprocessor: its object-like macros and
/// the tags of the structs and unions it defines. The probe unit then asks the compiler about each name;
/// one the compiler rejects (a macro that is not an integer constant expression, a definition in a
/// branch `#if` leaves out) is dropped, so the scan may over-approximate.
struct HeaderScan {
  var macros: [(name: String, definition: String)] = []
  var records: [(kind: ABIRecord.Kind, name: String)] = []

  init(text: String) {
    let code = Self.withoutComments(text)
    var order: [String] = []
    var definitions: [String: String] = [:]
    for line in Self.logicalLines(code) {
      let directive = line.drop(while: { $0 == " " || $0 == "\t" })
      guard directive.hasPrefix("#") else { continue }
      let body = directive.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
      if body.hasPrefix("define ") || body.hasPrefix("define\t") {
        let rest = body.dropFirst("define".count).drop(while: { $0 == " " || $0 == "\t" })
        let name = rest.prefix(while: Self.isIdentifier)
        let after = rest.dropFirst(name.count)
        guard !name.isEmpty, !after.hasPrefix("(") else { continue }
        let key = String(name)
        if definitions[key] == nil { order.append(key) }
        definitions[key] = Self.collapsingSpaces(after)
      } else if body.hasPrefix("undef") {
        let key = String(body.dropFirst("undef".count).drop(while: { $0 == " " || $0 == "\t" }).prefix(while: Self.isIdentifier))
        definitions[key] = nil
        order.removeAll { $0 == key }
      }
    }
    macros = order.compactMap { name in definitions[name].map { (name, $0) } }
    records = Self.recordTags(code)
  }

  /// Whether a replacement text can be an integer constant expression worth evaluating: not empty, no
  /// string literal, no floating literal, no braces.
  static func mayBeInteger(_ definition: String) -> Bool {
    guard !definition.isEmpty, !definition.contains("\""), !definition.contains("{") else { return false }
    var previous: Character = " "
    for (index, c) in zip(definition.indices, definition) {
      defer { previous = c }
      guard c == ".", previous.isNumber || previous == " " || previous == "(" else { continue }
      let next = definition.index(after: index)
      if next < definition.endIndex, definition[next].isNumber { return false }
    }
    return true
  }

  private static func isIdentifier(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

  /// `struct NAME {` and `union NAME {`, in order.
  private static func recordTags(_ code: String) -> [(kind: ABIRecord.Kind, name: String)] {
    var tags: [(kind: ABIRecord.Kind, name: String)] = []
    var words: [Substring] = []
    var index = code.startIndex
    while index < code.endIndex {
      let c = code[index]
      if isIdentifier(c) {
        let end = code[index...].firstIndex(where: { !isIdentifier($0) }) ?? code.endIndex
        words.append(code[index..<end])
        if words.count > 2 { words.removeFirst() }
        index = end
        continue
      }
      if c == "{", words.count == 2, let kind = ABIRecord.Kind(rawValue: String(words[0])) {
        tags.append((kind, String(words[1])))
      }
      if !(c == " " || c == "\t" || c == "\n") { words.removeAll() }
      index = code.index(after: index)
    }
    return tags
  }

  /// Lines with backslash-newline continuations joined.
  private static func logicalLines(_ code: String) -> [Substring] {
    code.replacing("\\\n", with: " ").split(separator: "\n")
  }

  private static func collapsingSpaces(_ text: Substring) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// The text with `/* … */` and `// …` comments replaced by a space, string and character literals kept.
  private static func withoutComments(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var iterator = Array(text.unicodeScalars)[...]
    while let c = iterator.popFirst() {
      if c == "/", iterator.first == "*" {
        iterator = iterator.dropFirst()
        while let d = iterator.popFirst() {
          if d == "*", iterator.first == "/" {
            iterator = iterator.dropFirst()
            break
          }
          if d == "\n" { out.unicodeScalars.append("\n") }
        }
        out.unicodeScalars.append(" ")
      } else if c == "/", iterator.first == "/" {
        while let d = iterator.first, d != "\n" { iterator = iterator.dropFirst() }
      } else if c == "\"" || c == "'" {
        out.unicodeScalars.append(c)
        while let d = iterator.popFirst() {
          out.unicodeScalars.append(d)
          if d == "\\", let escaped = iterator.popFirst() {
            out.unicodeScalars.append(escaped)
          } else if d == c || d == "\n" {
            break
          }
        }
      } else {
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}

extension Substring {
  var trimmingSpaces: Substring {
    let start = drop(while: { $0 == " " || $0 == "\t" })
    var end = start.endIndex
    while end > start.startIndex, start[start.index(before: end)] == " " || start[start.index(before: end)] == "\t" {
      end = start.index(before: end)
    }
    return start[..<end]
  }
}
