/// The translation unit that asks clang for every number a manifest holds, one enumerator per question
/// on a line of its own: the value of each macro and enumerator, `sizeof`, `_Alignof` and the offset of
/// every record and field, the size of a bit-field's type. clang computes each for the target and its
/// JSON AST gives the value in the expression's own type; no code is generated. The header arrives
/// with `-include`, so its path is never written into C source.
///
/// Enumerators are named `vfio_abi_<token>_…` with a token drawn per unit, so no name in the header
/// can collide with or be mistaken for an answer. Each question is an enumerator `…_q<n>` holding the
/// expression and one `…_a<n>` holding just a reference to it: only the answers are dumped, and the
/// dump of a reference is a few lines where that of an expanded ioctl macro runs to pages. The value
/// read is the same mathematical value, of the same sign, as the expression's own. Macro values are asked first; then every name the
/// later questions use is `#undef`ed, so a macro cannot rewrite a record, field or type name.
struct ProbeUnit {
  enum Entry: Hashable {
    case macro(String)
    case enumerator(String)
    case recordSize(String, ABIRecord.Kind)
    case recordAlignment(String, ABIRecord.Kind)
    case fieldOffset(record: String, kind: ABIRecord.Kind, field: String)
    case fieldSize(record: String, kind: ABIRecord.Kind, field: String)
    case typeSize(String)

    var needsMacros: Bool {
      if case .macro = self { return true }
      return false
    }
  }

  let token: String
  private(set) var entries: [Entry] = []
  private var seen: Set<Entry> = []

  init() {
    token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
  }

  /// The prefix of every answer's name, for `-ast-dump-filter`.
  var prefix: String { "vfio_abi_\(token)_a" }

  mutating func add(_ entry: Entry) {
    if seen.insert(entry).inserted { entries.append(entry) }
  }

  /// The source and, for each line that asks a question, the entry it asks.
  func source(asking indexes: [Int]) -> (text: [UInt8], entryAtLine: [Int: Int]) {
    var text: [UInt8] = []
    var entryAtLine: [Int: Int] = [:]
    var line = 1
    func emit(_ string: String) {
      text.append(contentsOf: string.utf8)
      text.append(UInt8(ascii: "\n"))
      line += 1
    }
    let macroFirst = indexes.filter { entries[$0].needsMacros } + indexes.filter { !entries[$0].needsMacros }
    var undefined = false
    for index in macroFirst {
      let entry = entries[index]
      if !entry.needsMacros && !undefined {
        for name in Self.protectedNames(entries: macroFirst.map { entries[$0] }) { emit("#undef \(name)") }
        undefined = true
      }
      entryAtLine[line] = index
      let question = "vfio_abi_\(token)_q\(index)"
      emit("enum { \(question) = \(Self.expression(entry)) }; enum { \(prefix)\(index) = \(question) };")
    }
    return (text, entryAtLine)
  }

  private static func expression(_ entry: Entry) -> String {
    switch entry {
    case .macro(let name), .enumerator(let name): "(\(name))"
    case .recordSize(let name, let kind): "sizeof(\(kind.rawValue) \(name))"
    case .recordAlignment(let name, let kind): "_Alignof(\(kind.rawValue) \(name))"
    case .fieldOffset(let record, let kind, let field): "__builtin_offsetof(\(kind.rawValue) \(record), \(field))"
    case .fieldSize(let record, let kind, let field): "sizeof(((\(kind.rawValue) \(record) *)0)->\(field))"
    case .typeSize(let type): "sizeof(\(type))"
    }
  }

  /// Every identifier the layout questions spell, keywords included, except those the preprocessor
  /// refuses to `#undef`.
  private static func protectedNames(entries: [Entry]) -> [String] {
    var names: Set<String> = ["sizeof", "_Alignof", "__builtin_offsetof", "struct", "union", "enum"]
    for entry in entries {
      switch entry {
      case .macro: continue
      case .enumerator(let name): names.insert(name)
      case .recordSize(let name, _), .recordAlignment(let name, _): names.insert(name)
      case .fieldOffset(let record, _, let field), .fieldSize(let record, _, let field):
        names.insert(record)
        names.insert(field)
      case .typeSize(let type): names.formUnion(identifiers(in: type))
      }
    }
    names.subtract(["defined", "__VA_ARGS__", "__VA_OPT__", "__has_include", "__has_include_next"])
    return names.filter { $0.first.map { !$0.isNumber } ?? false }.sorted()
  }

  private static func identifiers(in text: String) -> [String] {
    text.utf8.split(whereSeparator: { !MacroDefinitions.isIdentifier($0) }).map { String(decoding: $0, as: UTF8.self) }
  }
}
