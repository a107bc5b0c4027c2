/// The declarations a header makes itself, read from clang's `-Xclang -ast-dump` text: records with
/// their `packed` attribute and each field's spelled and canonical type, and enums with their constants.
///
/// The dump prints a file name only when it differs from the previous location printed, so the file of
/// each declaration is tracked across the whole dump.
struct ASTDump {
  struct Record {
    var name: String
    var kind: ABIRecord.Kind
    var packed = false
    /// Field name → (spelled type, canonical type), for direct fields and those of anonymous members.
    var fieldTypes: [String: (type: String, canonical: String)] = [:]
  }

  struct Enum {
    var name: String?
    /// Name and value; an enumerator without an initializer is one more than the previous one.
    var constants: [(name: String, value: String)] = []
  }

  var records: [Record] = []
  var enums: [Enum] = []
  /// Values of the probe unit's enumerators `vfio_abi_N`, by N.
  var probeValues: [Int: String] = [:]

  init(dump: String, headerPath: String) {
    var currentFile = ""
    var record: Record?
    var enumeration: Enum?
    /// The enumerator whose initializer's `value:` line is still to come.
    var pendingConstant: String?
    var pendingIsProbe = false
    func flush() {
      if let record { records.append(record) }
      if let enumeration { enums.append(enumeration) }
      record = nil
      enumeration = nil
    }
    for line in dump.split(separator: "\n") {
      guard let nodeStart = line.firstIndex(where: { $0.isLetter || $0 == "<" }) else { continue }
      let depth = line.distance(from: line.startIndex, to: nodeStart) / 2
      let node = line[nodeStart...]
      let quote = node.firstIndex(of: "'") ?? node.endIndex
      let words = node[..<quote].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "<" || $0 == ">" })
      var declarationFile: String?
      var names: [Substring] = []
      for word in words.dropFirst() {
        if let colon = word.firstIndex(of: ":"), word[word.index(after: colon)...].first?.isNumber == true {
          let file = word[..<colon]
          if file != "line" && file != "col" { currentFile = String(file) }
          if declarationFile == nil { declarationFile = currentFile }
        } else if !word.hasPrefix("0x") && !Self.keywords.contains(word) {
          names.append(word)
        }
      }
      let kind = words.first ?? ""
      if depth <= 1 {
        flush()
        pendingConstant = nil
      }
      if depth == 1 {
        guard (declarationFile ?? currentFile) == headerPath else { continue }
        if kind == "RecordDecl", names.last == "definition", names.count == 3,
          let recordKind = ABIRecord.Kind(rawValue: String(names[0]))
        {
          record = Record(name: String(names[1]), kind: recordKind)
        } else if kind == "EnumDecl" {
          enumeration = Enum(name: names.first.map(String.init))
        }
      } else if record != nil {
        if depth == 2, kind == "PackedAttr" { record?.packed = true }
        if kind == "FieldDecl", let name = names.last, !words.contains("implicit"),
          let types = Self.quotedTypes(node[quote...]), record?.fieldTypes[String(name)] == nil
        {
          record?.fieldTypes[String(name)] = types
        }
      }
      if kind == "EnumConstantDecl", depth == 2, let name = names.last {
        pendingConstant = String(name)
        pendingIsProbe = name.hasPrefix("vfio_abi_")
        if enumeration != nil {
          let next = enumeration?.constants.last.map { Self.successor(of: $0.value) } ?? "0"
          enumeration?.constants.append((String(name), next))
        }
      } else if kind == "value:", let constant = pendingConstant, let value = words.last {
        pendingConstant = nil
        if pendingIsProbe, let index = Int(constant.dropFirst("vfio_abi_".count)) {
          probeValues[index] = String(value)
        } else if var updated = enumeration, let last = updated.constants.indices.last,
          updated.constants[last].name == constant
        {
          updated.constants[last].value = String(value)
          enumeration = updated
        }
      }
    }
    flush()
  }

  /// The implicit value of an enumerator after one whose value is `value`.
  private static func successor(of value: String) -> String {
    if let signed = Int64(value), signed < Int64.max { return String(signed + 1) }
    if let unsigned = UInt64(value), unsigned < UInt64.max { return String(unsigned + 1) }
    return value
  }

  private static let keywords: Set<Substring> = [
    "invalid", "sloc", "implicit", "referenced", "used", "prev", "parent", "hidden", "imported",
  ]

  /// `'__u32':'unsigned int'` → ("__u32", "unsigned int"); `'int'` → ("int", "int").
  static func quotedTypes(_ text: Substring) -> (type: String, canonical: String)? {
    let parts = text.split(separator: "'", omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return nil }
    let spelled = normalizedType(parts[1])
    if parts.count >= 5, parts[2] == ":" { return (spelled, normalizedType(parts[3])) }
    return (spelled, spelled)
  }

  /// Replaces clang's `struct outer::(anonymous at /path:12:3)` by `struct (anonymous)`, so a type
  /// does not change because a line moved.
  static func normalizedType(_ type: Substring) -> String {
    var result = ""
    var rest = type
    while let open = rest.firstIndex(of: "(") {
      let tail = rest[open...]
      guard tail.hasPrefix("(anonymous") || tail.hasPrefix("(unnamed"),
        let close = tail.firstIndex(of: ")")
      else {
        result += rest[...open]
        rest = rest[rest.index(after: open)...]
        continue
      }
      var head = rest[..<open]
      while head.hasSuffix("::") {
        head = head.dropLast(2)
        head = head[..<(head.lastIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }).map { head.index(after: $0) } ?? head.startIndex)]
      }
      result += head + "(anonymous)"
      rest = tail[tail.index(after: close)...]
    }
    return result + rest
  }
}
