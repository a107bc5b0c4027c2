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
    // Bytes, not Characters: the dump is large and ASCII apart from quoted types.
    let bytes = Array(dump.utf8)
    let header = Array(headerPath.utf8)
    var currentFile: ArraySlice<UInt8> = []
    var lineStart = 0
    while lineStart < bytes.count {
      let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      let line = bytes[lineStart..<lineEnd]
      lineStart = lineEnd + 1
      guard let nodeStart = line.firstIndex(where: { Self.isLetter($0) || $0 == UInt8(ascii: "<") }) else {
        continue
      }
      let depth = (nodeStart - line.startIndex) / 2
      let quote = bytes[nodeStart..<lineEnd].firstIndex(of: UInt8(ascii: "'")) ?? lineEnd
      let words = bytes[nodeStart..<quote].split(whereSeparator: {
        $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
      })
      var declarationFile: ArraySlice<UInt8>?
      var names: [String] = []
      var implicit = false
      for word in words.dropFirst() {
        if let colon = word.firstIndex(of: UInt8(ascii: ":")), colon + 1 < word.endIndex,
          Self.isDigit(word[colon + 1])
        {
          let file = word[..<colon]
          if !file.elementsEqual("line".utf8) && !file.elementsEqual("col".utf8) { currentFile = file }
          if declarationFile == nil { declarationFile = currentFile }
        } else if !word.starts(with: "0x".utf8) {
          let text = String(decoding: word, as: UTF8.self)
          if text == "implicit" { implicit = true }
          if !Self.keywords.contains(Substring(text)) { names.append(text) }
        }
      }
      let node = String(decoding: bytes[quote..<lineEnd], as: UTF8.self)[...]
      let kind = words.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
      if depth <= 1 {
        flush()
        pendingConstant = nil
      }
      if depth == 1 {
        guard (declarationFile ?? currentFile).elementsEqual(header) else { continue }
        if kind == "RecordDecl", names.last == "definition", names.count == 3,
          let recordKind = ABIRecord.Kind(rawValue: names[0])
        {
          record = Record(name: names[1], kind: recordKind)
        } else if kind == "EnumDecl" {
          enumeration = Enum(name: names.first)
        }
      } else if record != nil {
        if depth == 2, kind == "PackedAttr" { record?.packed = true }
        if kind == "FieldDecl", let name = names.last, !implicit,
          let types = Self.quotedTypes(node), record?.fieldTypes[name] == nil
        {
          record?.fieldTypes[name] = types
        }
      }
      if kind == "EnumConstantDecl", depth == 2, let name = names.last {
        pendingConstant = name
        pendingIsProbe = name.hasPrefix("vfio_abi_")
        if enumeration != nil {
          let next = enumeration?.constants.last.map { Self.successor(of: $0.value) } ?? "0"
          enumeration?.constants.append((name, next))
        }
      } else if kind == "value:", let constant = pendingConstant, let value = names.last {
        pendingConstant = nil
        if pendingIsProbe, let index = Int(constant.dropFirst("vfio_abi_".count)) {
          probeValues[index] = value
        } else if var updated = enumeration, let last = updated.constants.indices.last,
          updated.constants[last].name == constant
        {
          updated.constants[last].value = value
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

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

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
