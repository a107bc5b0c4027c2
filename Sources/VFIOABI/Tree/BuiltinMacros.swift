import Glibc

/// clang's built-in macros, which open every unit's `-E -dD` text: about 410 `#define`s, two fifths of a
/// typical header's lines. They depend on the target and the flags alone, so they are the same lines in
/// every unit of a batch and on both sides of a tree comparison: they can never be what changed. Tree
/// mode reads them once per batch instead of in every header's two texts (a tenth of its time), and the
/// comparisons consult this record wherever they would have read those lines, so that every verdict is
/// the one the whole texts give.
struct BuiltinMacros {
  /// Each built-in's `#define` line as tree mode's comparison keeps a line, by name.
  private(set) var lines: [Spelling: ArraySlice<UInt8>] = [:]
  /// Every identifier of the lines, as a line's tokens are read: `define` and the macros' names too.
  private(set) var identifiers = Set<Spelling>()
  /// Each built-in's identifiers, by name: what ``UnnamedChanges`` reaches through one.
  private(set) var identifiersByName: [Spelling: [Spelling]] = [:]
  /// The identifiers after each macro's name, as ``AttributedText/unreadMacros(_:builtins:)`` reads a
  /// definition.
  private(set) var namedInDefinitions = Set<Spelling>()
  /// The built-ins that paste tokens (clang's `__INT64_C(c) c##L`).
  private(set) var pasting = Set<Spelling>()

  /// No line left out: every text is compared whole.
  static let none = BuiltinMacros()

  private init() {}

  /// The built-in section every unit's text opens with, and where it is in each, when every unit has
  /// one and all are the same bytes; nil otherwise, and then no line is left out.
  static func shared(by units: [ArraySlice<UInt8>]) -> (macros: BuiltinMacros, sections: [Range<Int>])? {
    var sections: [Range<Int>] = []
    sections.reserveCapacity(units.count)
    for unit in units {
      guard let section = MacroDefinitions.builtinSection(in: unit) else { return nil }
      if let first = sections.first, !Self.same(units[0][first], unit[section]) { return nil }
      sections.append(section)
    }
    guard let first = sections.first, let macros = BuiltinMacros(units[0][first]) else { return nil }
    return (macros, sections)
  }

  private static func same(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBytes { a in
      b.withUnsafeBytes { b in a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
    }
  }

  /// Nil when a line is anything but a `#define` of a name not defined before.
  private init?(_ section: ArraySlice<UInt8>) {
    for line in section.split(separator: UInt8(ascii: "\n")) {
      guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { continue }
      let text = CTokens.positionalParameters(line)
      guard let name = CTokens.definedName(text), lines[name] == nil else { return nil }
      lines[name] = text
      var named: [Spelling] = []
      UnnamedChanges.forEachIdentifier(in: text) { named.append($0) }
      identifiers.formUnion(named)
      identifiersByName[name] = named
      UnnamedChanges.forEachIdentifier(in: text[name.bytes.endIndex...]) { namedInDefinitions.insert($0) }
      if UnnamedChanges.pastes(text) { pasting.insert(name) }
    }
  }
}
