/// What the header's own text names, found without running the preprocessor: its object-like macros and
/// the tags of the structs and unions it defines. The probe unit then asks the compiler about each name;
/// one the compiler rejects (a macro that is not an integer constant expression, a definition in a
/// branch `#if` leaves out) is dropped, so the scan may over-approximate.
struct HeaderScan {
  var macros: [(name: String, definition: String)] = []
  var records: [(kind: ABIRecord.Kind, name: String)] = []

  init(text: String) {
    // Bytes, not Characters: headers are ASCII where it matters and this runs on every dump.
    let code = Self.withoutComments(Array(text.utf8))
    var order: [String] = []
    var definitions: [String: String] = [:]
    for line in Self.logicalLines(code) {
      var index = Self.skipBlanks(line, from: line.startIndex)
      guard index < line.endIndex, line[index] == UInt8(ascii: "#") else { continue }
      index = Self.skipBlanks(line, from: index + 1)
      let directive = Self.identifier(line, from: index)
      index = Self.skipBlanks(line, from: directive.endIndex)
      let name = Self.identifier(line, from: index)
      guard !name.isEmpty else { continue }
      let key = String(decoding: name, as: UTF8.self)
      if directive.elementsEqual("define".utf8) {
        guard name.endIndex == line.endIndex || line[name.endIndex] != UInt8(ascii: "(") else { continue }
        if definitions[key] == nil { order.append(key) }
        definitions[key] = line[name.endIndex...]
          .split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
          .map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
      } else if directive.elementsEqual("undef".utf8) {
        definitions[key] = nil
        order.removeAll { $0 == key }
      }
    }
    macros = order.compactMap { name in definitions[name].map { (name, $0) } }
    records = Self.recordTags(code)
  }

  private static func isIdentifier(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
  }

  private static func skipBlanks(_ line: ArraySlice<UInt8>, from start: Int) -> Int {
    var index = start
    while index < line.endIndex, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") { index += 1 }
    return index
  }

  private static func identifier(_ line: ArraySlice<UInt8>, from start: Int) -> ArraySlice<UInt8> {
    var end = start
    while end < line.endIndex, isIdentifier(line[end]) { end += 1 }
    return line[start..<end]
  }

  /// `struct NAME {` and `union NAME {`, in order.
  private static func recordTags(_ code: [UInt8]) -> [(kind: ABIRecord.Kind, name: String)] {
    var tags: [(kind: ABIRecord.Kind, name: String)] = []
    var words: [ArraySlice<UInt8>] = []
    var index = 0
    while index < code.count {
      let byte = code[index]
      if isIdentifier(byte) {
        var end = index
        while end < code.count, isIdentifier(code[end]) { end += 1 }
        words.append(code[index..<end])
        if words.count > 2 { words.removeFirst() }
        index = end
        continue
      }
      if byte == UInt8(ascii: "{"), words.count == 2,
        let kind = ABIRecord.Kind(rawValue: String(decoding: words[0], as: UTF8.self))
      {
        tags.append((kind, String(decoding: words[1], as: UTF8.self)))
      }
      if !(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")) {
        words.removeAll(keepingCapacity: true)
      }
      index += 1
    }
    return tags
  }

  /// Lines with backslash-newline continuations joined.
  private static func logicalLines(_ code: [UInt8]) -> [ArraySlice<UInt8>] {
    var joined: [UInt8] = []
    joined.reserveCapacity(code.count)
    var index = 0
    while index < code.count {
      if code[index] == UInt8(ascii: "\\"), index + 1 < code.count, code[index + 1] == UInt8(ascii: "\n") {
        joined.append(UInt8(ascii: " "))
        index += 2
        continue
      }
      joined.append(code[index])
      index += 1
    }
    return joined.split(separator: UInt8(ascii: "\n"))
  }

  /// The text with `/* … */` and `// …` comments replaced by a space (a block comment keeps its
  /// newlines), string and character literals kept.
  private static func withoutComments(_ text: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    var index = 0
    let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), newline = UInt8(ascii: "\n")
    while index < text.count {
      let byte = text[index]
      let next = index + 1 < text.count ? text[index + 1] : 0
      if byte == slash, next == star {
        index += 2
        while index < text.count, !(text[index] == star && index + 1 < text.count && text[index + 1] == slash) {
          if text[index] == newline { out.append(newline) }
          index += 1
        }
        index += 2
        out.append(UInt8(ascii: " "))
      } else if byte == slash, next == slash {
        while index < text.count, text[index] != newline { index += 1 }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        out.append(byte)
        index += 1
        while index < text.count {
          let inner = text[index]
          out.append(inner)
          index += 1
          if inner == UInt8(ascii: "\\"), index < text.count {
            out.append(text[index])
            index += 1
          } else if inner == byte || inner == newline {
            break
          }
        }
      } else {
        out.append(byte)
        index += 1
      }
    }
    return out
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
