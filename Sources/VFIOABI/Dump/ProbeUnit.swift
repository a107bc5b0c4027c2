/// The second translation unit: it includes the header again and asks the compiler, in global
/// initializers, for `sizeof` every record (which makes clang compute and dump its layout), `sizeof`
/// every field type, and the value of every enum constant and candidate macro. The values are read back
/// from the LLVM IR, so each number is the target compiler's own.
struct ProbeUnit {
  enum Entry: Hashable {
    case record(String, ABIRecord.Kind)
    case typeSize(String)
    case fieldSize(record: String, kind: ABIRecord.Kind, field: String)
    case value(String)
    case macro(String)
  }

  var entries: [Entry]

  /// Line of the first entry in ``source(include:)``.
  private static let firstEntryLine = 3

  func source(include: String) -> String {
    var lines = [include, "struct vfio_abi_value { unsigned long long value; int negative; };"]
    for (index, entry) in entries.enumerated() {
      switch entry {
      case .record(let name, let kind):
        lines.append("const unsigned long long vfio_abi_\(index) = sizeof(\(kind.rawValue) \(name));")
      case .typeSize(let type):
        lines.append("const unsigned long long vfio_abi_\(index) = sizeof(\(type));")
      case .fieldSize(let record, let kind, let field):
        lines.append("const unsigned long long vfio_abi_\(index) = sizeof(((\(kind.rawValue) \(record) *)0)->\(field));")
      case .value(let name), .macro(let name):
        lines.append(
          "const struct vfio_abi_value vfio_abi_\(index) = { (unsigned long long)(\(name)), (\(name)) < 0 };")
      }
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

  /// Integer values by entry index, from `@vfio_abi_N = … constant …` lines of the IR.
  static func values(ir: String) -> [Int: String] {
    var values: [Int: String] = [:]
    for line in ir.split(separator: "\n") where line.hasPrefix("@vfio_abi_") {
      let name = line.dropFirst("@vfio_abi_".count)
      guard let index = Int(name.prefix(while: { $0.isNumber })),
        let constant = line.range(of: " constant ")
      else { continue }
      let initializer = line[constant.upperBound...]
      guard let bits = integer(after: "i64 ", in: initializer) else {
        if initializer.contains("zeroinitializer") { values[index] = "0" }
        continue
      }
      let negative = integer(after: "i32 ", in: initializer) == 1
      values[index] = negative ? String(bits) : String(UInt64(bitPattern: bits))
    }
    return values
  }

  /// The first `key` followed by a number (`{ i64, i32 }` names types before the values).
  private static func integer(after key: String, in text: Substring) -> Int64? {
    var rest = text
    while let range = rest.range(of: key) {
      let digits = rest[range.upperBound...].prefix(while: { $0.isNumber || $0 == "-" })
      if let value = Int64(digits) { return value }
      rest = rest[range.upperBound...]
    }
    return nil
  }
}
