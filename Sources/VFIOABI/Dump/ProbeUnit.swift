/// The translation unit clang is run on: the header, then one enumerator per question — `sizeof` every
/// record (which makes clang compute and dump its layout), `sizeof` a type, the value of a macro. The AST
/// dump prints each enumerator's value as the compiler computed it for the target, in the expression's
/// own signedness, and enumerators take any integer constant expression, so no code is generated.
struct ProbeUnit {
  enum Entry: Hashable {
    case record(String, ABIRecord.Kind)
    case typeSize(String)
    case fieldSize(record: String, kind: ABIRecord.Kind, field: String)
    case macro(String)
  }

  var entries: [Entry] = []
  private var seen: Set<Entry> = []

  /// The scalar types whose sizes every run asks for, so field sizes rarely need a second run.
  static let scalarTypes = [
    "char", "short", "int", "long", "long long", "__int128", "_Bool", "float", "double", "long double",
    "void *",
  ]

  init() {
    for type in Self.scalarTypes { add(.typeSize(type)) }
  }

  mutating func add(_ entry: Entry) {
    if seen.insert(entry).inserted { entries.append(entry) }
  }

  mutating func remove(at indexes: Set<Int>) {
    entries = entries.enumerated().filter { !indexes.contains($0.offset) }.map(\.element)
    seen = Set(entries)
  }

  /// Line of the first entry in ``source(include:)``.
  private static let firstEntryLine = 2

  func source(include: String) -> String {
    var lines = [include]
    for (index, entry) in entries.enumerated() {
      let expression =
        switch entry {
        case .record(let name, let kind): "sizeof(\(kind.rawValue) \(name))"
        case .typeSize(let type): "sizeof(\(type))"
        case .fieldSize(let record, let kind, let field): "sizeof(((\(kind.rawValue) \(record) *)0)->\(field))"
        case .macro(let name): "(\(name))"
        }
      lines.append("enum { vfio_abi_\(index) = \(expression) };")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The entries clang's diagnostics point at, by their line in the probe source.
  func entriesWithErrors(stderr: String, file: String) -> Set<Int> {
    var failing: Set<Int> = []
    for line in stderr.split(separator: "\n") where line.hasPrefix(file + ":") && line.contains(" error: ") {
      let rest = line.dropFirst(file.count + 1)
      guard let number = Int(rest.prefix(while: { $0.isNumber })) else { continue }
      let index = number - Self.firstEntryLine
      if entries.indices.contains(index) { failing.insert(index) }
    }
    return failing
  }
}
