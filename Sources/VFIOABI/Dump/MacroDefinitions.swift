/// The object-like macros a header defines and leaves defined, read from `clang -E -dD`: the
/// preprocessor's own record of every `#define` and `#undef` in the order it saw them, with line markers
/// naming each file — so a definition in an `#if 0` branch, one `#undef`ed later (even by another
/// header) and one in a comment are all seen exactly as the compiler sees them.
///
/// This reader of `-E -dD` is the oracle: clang processes and the differential fuzzer use it, while
/// libclang in this process finds the same macros its own way (``MacroRecords``).
struct MacroDefinitions {
  /// Name and replacement text, in the order of their (last) definition.
  private(set) var macros: [(name: String, definition: String)] = []
  /// Those that files ``IncludedFiles`` names define and leave defined, with the file's name.
  private(set) var includedMacros: [(name: String, definition: String, file: String)] = []

  init(macros: [(name: String, definition: String)] = [], includedMacros: [(name: String, definition: String, file: String)] = []) {
    self.macros = macros
    self.includedMacros = includedMacros
  }

  /// The macros a probe unit asks the value of, in order: those whose text may be an integer constant
  /// expression (``mayBeInteger(_:)``).
  var questions: [String] {
    (macros.map { ($0.name, $0.definition) } + includedMacros.map { ($0.name, $0.definition) })
      .filter { Self.mayBeInteger($0.1) }.map(\.0)
  }

  /// The same without the macros `names` lists.
  func removing(_ names: Set<String>) -> MacroDefinitions {
    guard !names.isEmpty else { return self }
    return MacroDefinitions(
      macros: macros.filter { !names.contains($0.name) }, includedMacros: includedMacros.filter { !names.contains($0.name) })
  }

  /// The same with only the macros of included files that `names` lists; all of them when nil.
  func keepingIncluded(_ names: Set<String>?) -> MacroDefinitions {
    guard let names else { return self }
    return MacroDefinitions(macros: macros, includedMacros: includedMacros.filter { names.contains($0.name) })
  }

  /// `output` is `-E -dD` of a translation unit that includes the header; `headerFile` is the name its
  /// line markers give the header.
  init(preprocessed output: [UInt8], headerFile: String, included: IncludedFiles = IncludedFiles(roots: [])) {
    // The include stack, innermost last: for each entry the header (""), another file's name under
    // ``IncludedFiles``, or nil. A marker with flag 1 enters a file, flag 2 returns to the includer; one
    // without flags (a `#line`) renames the current file, which changes nothing here.
    var stack: [String?] = [nil]
    var defined: [String: (order: Int, definition: String, file: String)] = [:]
    var order = 0
    // Every definition's text, function-like ones too, to find the macros whose value depends on where
    // they are expanded.
    var bodies: [String: ArraySlice<UInt8>] = [:]
    // clang's built-ins open the text, before the header and its files: they define nothing of theirs
    // and, named first, undefine nothing. Unless one leads to `__LINE__` or holds a line marker,
    // they are passed over (about 410 lines, more than most headers define).
    let text = output[...]
    let skipped = Self.builtinSection(in: text).flatMap { section in
      let holdsMarker = text[(section.lowerBound - 1)..<section.upperBound].firstIndex(of: Self.lineMarkerStart) != nil
      return Self.mentionsPosition(text[section]) || holdsMarker ? nil : section
    }
    let parts = skipped.map { [text[..<$0.lowerBound], text[$0.upperBound...]] } ?? [text]
    // Most texts never spell `__LINE__` or `__COUNTER__`: then no macro depends on where it is expanded,
    // and no definition's text is kept.
    let keepsBodies = parts.contains(where: Self.mentionsPosition)
    for line in parts.lazy.flatMap({ $0.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) }) {
      guard line.first == UInt8(ascii: "#") else { continue }
      if let marker = LineMarker(line) {
        if marker.flags.contains(1) {
          stack.append(marker.file == headerFile ? "" : included.name(of: marker.file))
        } else if marker.flags.contains(2) {
          if stack.count > 1 { stack.removeLast() }
        }
        continue
      }
      if line.starts(with: "#define ".utf8) {
        let rest = line.dropFirst("#define ".count)
        let nameEnd = rest.firstIndex(where: { !Self.isIdentifier($0) }) ?? rest.endIndex
        let name = String(decoding: rest[..<nameEnd], as: UTF8.self)
        if keepsBodies { bodies[name] = rest[nameEnd...] }
        // A function-like macro has `(` right after its name.
        guard !name.isEmpty, nameEnd == rest.endIndex || rest[nameEnd] == UInt8(ascii: " ") else { continue }
        guard let file = stack.last ?? nil else {
          defined[name] = nil
          continue
        }
        let body = nameEnd == rest.endIndex ? "" : String(decoding: rest[(nameEnd + 1)...], as: UTF8.self)
        defined[name] = (order, body, file)
        order += 1
      } else if line.starts(with: "#undef ".utf8) {
        defined[String(decoding: line.dropFirst("#undef ".count), as: UTF8.self)] = nil
      }
    }
    let positional = Self.positionDependent(bodies)
    let ordered = defined.filter { !positional.contains($0.key) }.sorted { $0.value.order < $1.value.order }
    macros = ordered.filter { $0.value.file.isEmpty }.map { ($0.key, $0.value.definition) }
    includedMacros = ordered.filter { !$0.value.file.isEmpty }.map { ($0.key, $0.value.definition, $0.value.file) }
  }

  /// From the line after `# 1 "<built-in>" 3` to the command line's marker, which stays: the `-D`s are
  /// few, and a header could repeat one (the newest `linux/stddef.h` does).
  static func builtinSection(in output: ArraySlice<UInt8>) -> Range<Int>? {
    guard let opening = output.firstLine(builtInMarker) else { return nil }
    let start = opening + builtInMarker.count
    guard let end = output[start...].firstLine(commandLineMarker) else { return nil }
    return start..<end
  }

  private static let builtInMarker = Array("# 1 \"<built-in>\" 3\n".utf8)
  private static let commandLineMarker = Array("# 1 \"<command line>\" 1\n".utf8)
  private static let lineMarkerStart = Array("\n# ".utf8)

  /// The macros whose expansion reaches `__LINE__` or `__COUNTER__`, directly or through other macros:
  /// their value is where they are used, not a property of the header, so they are not asked (and a
  /// header that moves one by a line does not change its ABI).
  static func positionDependent(_ bodies: [String: ArraySlice<UInt8>]) -> Set<String> {
    // Most headers have none: then no body is split into words (the split cost more than the rest of
    // reading a header of many macros).
    guard bodies.values.contains(where: mentionsPosition) else { return [] }
    var usedBy: [String: [String]] = [:]
    var found: [String] = []
    for (name, body) in bodies {
      for word in body.split(whereSeparator: { !isIdentifier($0) }) {
        let identifier = String(decoding: word, as: UTF8.self)
        if identifier == "__LINE__" || identifier == "__COUNTER__" {
          found.append(name)
        } else if bodies[identifier] != nil {
          usedBy[identifier, default: []].append(name)
        }
      }
    }
    var positional = Set(found)
    while let name = found.popLast() {
      for user in usedBy[name] ?? [] where positional.insert(user).inserted { found.append(user) }
    }
    return positional
  }

  /// Whether a definition's text holds `__LINE__` or `__COUNTER__` anywhere.
  static func mentionsPosition(_ body: ArraySlice<UInt8>) -> Bool {
    positionWords.contains { body.firstIndex(of: $0) != nil }
  }

  private static let positionWords = [Array("__LINE__".utf8), Array("__COUNTER__".utf8)]

  static func isIdentifier(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
  }

  /// Whether a replacement text can be an integer constant expression worth asking clang about: not
  /// empty, no string or character literal quirks that cannot be integers, no braces or semicolons that
  /// could end the probe's declaration, and balanced parentheses so it stays inside its own.
  static func mayBeInteger(_ definition: String) -> Bool {
    // Read in place: a copy of each definition's bytes cost a third of this.
    var definition = definition
    return definition.withUTF8(mayBeInteger)
  }

  /// The same for a definition's bytes as written (``DirectiveText/Directive/define(name:definition:)``):
  /// blanks between its tokens mean to this what one space does.
  static func mayBeInteger(_ definition: ArraySlice<UInt8>) -> Bool {
    definition.withUnsafeBufferPointer(mayBeInteger)
  }

  private static func mayBeInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !bytes.isEmpty else { return false }
    var depth = 0
    var previous: UInt8 = 0x20
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      defer {
        previous = byte
        index += 1
      }
      switch byte {
      case UInt8(ascii: "'"):
        // A character constant is an integer; its quoted character may be anything, `;` included.
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "'") {
          if bytes[index] == UInt8(ascii: "\\") { index += 1 }
          index += 1
        }
        if index >= bytes.count { return false }
      case UInt8(ascii: "("): depth += 1
      case UInt8(ascii: ")"):
        depth -= 1
        if depth < 0 { return false }
      case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";"), UInt8(ascii: "#"):
        return false
      case UInt8(ascii: "."):
        // A floating literal (`1.5`, `.5`) cannot be an integer; member access (`a.b`) is let through.
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        let digitAround = (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
        let numberBefore = (previous >= UInt8(ascii: "0") && previous <= UInt8(ascii: "9")) && !isIdentifierTail(bytes, before: index)
        if digitAround || numberBefore { return false }
      default: break
      }
    }
    return depth == 0
  }

  /// Whether the digit before `index` ends an identifier (`a1.b`) rather than a number (`1.`).
  private static func isIdentifierTail(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
    var start = index
    while start > 0, isIdentifier(bytes[start - 1]) { start -= 1 }
    return start < index && !(bytes[start] >= UInt8(ascii: "0") && bytes[start] <= UInt8(ascii: "9"))
  }
}

/// `# LINE "FILE" FLAGS…` as the preprocessor writes it, FILE escaped like a C string.
struct LineMarker {
  var file: String
  var flags: [Int]

  init?(_ line: ArraySlice<UInt8>) {
    var index = line.startIndex + 1
    guard index < line.endIndex, line[index] == UInt8(ascii: " ") else { return nil }
    index += 1
    let digits = line[index...].prefix(while: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    guard !digits.isEmpty else { return nil }
    index = digits.endIndex
    guard index < line.endIndex, line[index] == UInt8(ascii: " "),
      let quoted = line.quoted(at: index + 1, unescape: Self.unescape)
    else { return nil }
    index = quoted.end
    file = String(decoding: quoted.bytes, as: UTF8.self)
    // Flags are decimal numbers (clang writes 1 to 4); any other word is left out.
    flags = line[index...].split(separator: UInt8(ascii: " ")).compactMap { word in
      guard word.count <= 18, word.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
      return word.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
  }

  /// `\ooo` octal for unprintable bytes, `\\` and `\"` otherwise.
  private static func unescape(_ line: ArraySlice<UInt8>, _ start: Int) -> (byte: UInt8, next: Int)? {
    var index = start
    var octal = 0
    while index - start < 3, index < line.endIndex, line[index] >= UInt8(ascii: "0"), line[index] <= UInt8(ascii: "7") {
      octal = octal * 8 + Int(line[index] - UInt8(ascii: "0"))
      index += 1
    }
    if index > start { return (UInt8(truncatingIfNeeded: octal), index) }
    return start < line.endIndex ? (line[start], start + 1) : nil
  }
}
