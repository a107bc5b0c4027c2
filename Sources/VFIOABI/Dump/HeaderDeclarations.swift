/// The declarations a header makes itself, read from clang's JSON AST of a translation unit that
/// includes it: every named struct and union wherever it is defined (nested ones too), each with its
/// fields (members of anonymous structs and unions in place), a top-level record without a tag under
/// the first typedef that names it, and every enumerator wherever its enum is declared.
struct HeaderDeclarations {
  struct Field {
    var name: String
    /// The type as clang spells it, which a probe can name (`__u32`, `enum foo`).
    var spelledType: String
    /// The spelling with anonymous records' locations dropped (see ``withoutLocations(_:)``).
    var type: String
    /// The type with every typedef replaced, down through arrays, pointers and function pointers
    /// (``CanonicalType``), as both readers print it.
    var canonicalType: String
    /// The desugared type as clang spells it, the probe's second try for a bit-field's type.
    var canonicalSpelling: String
    /// The bit-field's width, when it is one.
    var bitWidth: Int?
    /// How to find a bit-field's offset in clang's record layouts: for each record from the named one
    /// down through anonymous members, that record's type as clang prints it and the index of the
    /// member among its fields (unnamed ones included).
    var layoutPath: [(recordType: String, fieldIndex: Int)]
    /// Where clang lays the field out, in bits from the start of the named record, and its size (the
    /// size of its type, for a bit-field), when read from clang's layout in this process; otherwise
    /// the probe asks.
    var bitOffset: Int? = nil
    var size: Int? = nil

    /// `T x[]` or `T x[][N]`: the declarator's first array bound is empty and no parenthesis (a pointer
    /// or function declarator) comes before it.
    var isFlexibleArray: Bool {
      guard let open = spelledType.firstIndex(of: "[") else { return false }
      let next = spelledType.index(after: open)
      return next < spelledType.endIndex && spelledType[next] == "]" && !spelledType[..<open].contains("(")
    }
  }

  struct Record {
    var name: String
    var kind: ABIRecord.Kind
    var packed: Bool
    var fields: [Field]
    var namedByTypedef = false
    /// `sizeof` and `_Alignof`, when read from clang's layout in this process; otherwise the probe asks.
    var size: Int? = nil
    var alignment: Int? = nil

    var spelling: String { namedByTypedef ? name : "\(kind.rawValue) \(name)" }
  }

  struct Enumerator {
    var name: String
    var enumName: String?
  }

  private(set) var records: [Record] = []
  private(set) var enumerators: [Enumerator] = []
  /// Named records and enumerators other files define that ``IncludedFiles`` names — what else a user
  /// including the header sees — with the file, as given by ``IncludedFiles/name(of:)``.
  private(set) var includedRecords: [(name: String, file: String)] = []
  private(set) var includedEnumerators: [(name: String, file: String)] = []
  /// Each enumerator's value (the header's and those above), when read from clang's AST in this
  /// process; otherwise the probe asks.
  private(set) var enumeratorValues: [String: String] = [:]
  /// Records nested deeper than this are refused: clang itself copes, but nothing real comes near.
  static let nestingLimit = 100
  /// The JSON depth that nesting reaches (an object and its `inner` array per record, plus the
  /// locations and expressions at the bottom); deeper input is refused while it is being read.
  static let astDepthLimit = 2 * nestingLimit + 64

  private var files = SourceFiles()
  /// Every typedef seen so far, by name, as the canonical type it stands for.
  private var typedefs: [String: CanonicalType] = [:]
  /// Top-level records without a tag, by clang's node id, until a typedef names them.
  private var untagged: [String: (kind: ABIRecord.Kind, file: String, packed: Bool, fields: [Field])] = [:]
  private let headerFile: String
  private let included: IncludedFiles

  static let tooDeep = ABIError.unsupportedHeader("declarations nested more than \(nestingLimit) deep")

  init(
    headerFile: String, included: IncludedFiles, records: [Record], enumerators: [Enumerator],
    includedRecords: [(name: String, file: String)], includedEnumerators: [(name: String, file: String)],
    enumeratorValues: [String: String]
  ) {
    self.headerFile = headerFile
    self.included = included
    self.records = records
    self.enumerators = enumerators
    self.includedRecords = includedRecords
    self.includedEnumerators = includedEnumerators
    self.enumeratorValues = enumeratorValues
  }

  /// `dump` is the JSON AST of a translation unit; `headerFile` the name clang uses for the header.
  init(dump: JSONValue, headerFile: String, included: IncludedFiles) throws(ABIError) {
    self.headerFile = headerFile
    self.included = included
    for node in dump["inner"]?.array ?? [] { try declaration(node, depth: 0) }
  }

  private mutating func declaration(_ node: JSONValue, depth: Int) throws(ABIError) {
    let file = files.declarationFile(node)
    switch node["kind"]?.string {
    case "RecordDecl":
      try record(node, file: file, depth: depth)
    case "EnumDecl":
      enumeration(node, file: file)
    case "TypedefDecl":
      for child in node["inner"]?.array ?? [] { files.follow(child) }
      typedef(node)
    default:
      for child in node["inner"]?.array ?? [] { files.follow(child) }
    }
  }

  /// `typedef struct { … } name;`: the untagged record the typedef's type refers to (through clang's
  /// `ElaboratedType`) is named by the first typedef of it, as clang names it in types it prints
  /// (`struct name`) and in record layouts (`name`).
  private mutating func typedef(_ node: JSONValue) {
    guard let name = node["name"]?.string else { return }
    // What the name stands for, for the canonical types of the fields that use it. The desugared
    // spelling first: a record without a tag is named by its typedef (`anon_t`, not `struct anon_t`).
    let written = [node["type"]?["desugaredQualType"]?.string, node["type"]?["qualType"]?.string]
    if let canonical = CanonicalType.parse(first: written, typedefs: typedefs) {
      typedefs[name] = canonical
    }
    var type = node["inner"]?.array.first
    if type?["kind"]?.string == "ElaboratedType" { type = type?["inner"]?.array.first }
    guard type?["kind"]?.string == "RecordType", let id = type?["decl"]?["id"]?.string,
      let record = untagged.removeValue(forKey: id)
    else { return }
    if record.file == headerFile {
      records.append(Record(typedef: name, kind: record.kind, packed: record.packed, fields: record.fields))
    } else if let other = included.name(of: record.file) {
      includedRecords.append((name, other))
    }
  }

  private mutating func enumeration(_ node: JSONValue, file: String?) {
    let name = node["name"]?.string
    for child in node["inner"]?.array ?? [] {
      let childFile = files.declarationFile(child)
      for grandchild in child["inner"]?.array ?? [] { files.follow(grandchild) }
      guard child["kind"]?.string == "EnumConstantDecl", let constant = child["name"]?.string,
        let owner = childFile ?? file
      else { continue }
      if owner == headerFile {
        enumerators.append(Enumerator(name: constant, enumName: name))
      } else if let other = included.name(of: owner) {
        includedEnumerators.append((constant, other))
      }
    }
  }

  /// A named record defined in the header becomes a manifest record; every record is searched for
  /// nested records and enums.
  private mutating func record(_ node: JSONValue, file: String?, depth: Int) throws(ABIError) {
    guard depth < Self.nestingLimit else { throw Self.tooDeep }
    let kind = node["tagUsed"].flatMap { $0.string }.flatMap(ABIRecord.Kind.init(rawValue:))
    let name = node["name"]?.string
    var slot: Int?
    if let name, let kind, node["completeDefinition"]?.bool == true, let file {
      if file == headerFile {
        slot = records.count
        records.append(Record(name: name, kind: kind, packed: false, fields: []))
      } else if let other = included.name(of: file) {
        includedRecords.append((name, other))
      }
    }
    let members = try self.members(of: node, recordType: name.map { "\(kind?.rawValue ?? "struct") \($0)" }, depth: depth)
    if let slot {
      records[slot].packed = members.packed
      records[slot].fields = members.fields
    } else if name == nil, depth == 0, let kind, node["completeDefinition"]?.bool == true, let file,
      let id = node["id"]?.string
    {
      untagged[id] = (kind, file, members.packed, members.fields)
    }
  }

  /// The fields of a record, anonymous members flattened, and whether it is packed. Nested records and
  /// enums found on the way are recorded too.
  private mutating func members(of node: JSONValue, recordType: String?, depth: Int) throws(ABIError) -> (
    packed: Bool, fields: [Field]
  ) {
    var packed = false
    var fields: [Field] = []
    var fieldIndex = 0
    /// The fields of the anonymous record declared just before, for the implicit member that follows.
    var anonymous: [Field] = []
    for child in node["inner"]?.array ?? [] {
      switch child["kind"]?.string {
      case "PackedAttr":
        _ = files.declarationFile(child)
        packed = true
      case "RecordDecl":
        let file = files.declarationFile(child)
        if child["name"]?.string == nil {
          guard depth + 1 < Self.nestingLimit else { throw Self.tooDeep }
          anonymous = try members(of: child, recordType: nil, depth: depth + 1).fields
        } else {
          try record(child, file: file, depth: depth + 1)
        }
      case "EnumDecl":
        let file = files.declarationFile(child)
        enumeration(child, file: file)
      case "FieldDecl":
        _ = files.declarationFile(child)
        for grandchild in child["inner"]?.array ?? [] { files.follow(grandchild) }
        defer { fieldIndex += 1 }
        let type = child["type"]?["qualType"]?.string ?? ""
        let desugared = child["type"]?["desugaredQualType"]?.string
        let canonical = desugared ?? type
        let canonicalType =
          CanonicalType.parse(first: [type, desugared], typedefs: typedefs)?.spelling ?? Self.withoutLocations(canonical)
        guard let name = child["name"]?.string else {
          // An anonymous struct or union member: its fields belong to this record, one level down in
          // the layout. An unnamed bit-field only takes its place among the fields.
          if child["isImplicit"]?.bool == true {
            for var field in anonymous {
              field.layoutPath.insert((recordType ?? "", fieldIndex), at: 0)
              field.layoutPath[1].recordType = type
              fields.append(field)
            }
            anonymous = []
          }
          continue
        }
        let width = child["isBitfield"]?.bool == true ? Self.bitWidth(child) : nil
        fields.append(
          Field(
            name: name, spelledType: type, type: Self.withoutLocations(type),
            canonicalType: canonicalType, canonicalSpelling: canonical, bitWidth: width,
            layoutPath: [(recordType ?? "", fieldIndex)]))
      default:
        _ = files.declarationFile(child)
        for grandchild in child["inner"]?.array ?? [] { files.follow(grandchild) }
      }
    }
    return (packed, fields)
  }

  /// A bit-field's width, the value of the constant expression among its children.
  private static func bitWidth(_ field: JSONValue) -> Int? {
    for child in field["inner"]?.array ?? [] {
      if let value = child["value"]?.string, let width = Int(value) { return width }
    }
    return nil
  }

  /// A type's spelling with the location clang prints for anonymous records dropped, so the same type
  /// compares equal between two trees: `struct (unnamed struct at /a/b.h:3:2)` → `struct (unnamed struct)`.
  static func withoutLocations(_ type: String) -> String {
    // Most spellings have no location: Foundation's `range(of:)` cost 3,000 instructions to say so.
    let marker = Array(" at ".utf8)
    guard type.utf8.count >= marker.count, ArraySlice(type.utf8).firstIndex(of: marker) != nil else { return type }
    var result = ""
    var rest = type[...]
    while let marker = rest.firstRange(of: " at ") {
      let opening = rest[..<marker.lowerBound].lastIndex(of: "(")
      let word = opening.map { rest[rest.index(after: $0)..<marker.lowerBound] } ?? ""
      guard word == "anonymous" || word == "unnamed" || word.hasPrefix("unnamed "), let end = locationEnd(rest[marker.upperBound...])
      else {
        result += rest[..<marker.upperBound]
        rest = rest[marker.upperBound...]
        continue
      }
      result += rest[..<marker.lowerBound]
      rest = rest[end...]
    }
    return result + rest
  }

  /// The index of the `)` closing `FILE:LINE:COL)`: the first `)` preceded by `:digits:digits`.
  private static func locationEnd(_ text: Substring) -> Substring.Index? {
    var index = text.startIndex
    while let close = text[index...].firstIndex(of: ")") {
      let before = text[..<close]
      let column = before.reversed().prefix(while: \.isNumber).count
      let afterColumn = before.dropLast(column)
      if column > 0, afterColumn.hasSuffix(":") {
        let line = afterColumn.dropLast().reversed().prefix(while: \.isNumber).count
        if line > 0, afterColumn.dropLast(line + 1).hasSuffix(":") { return close }
      }
      index = text.index(after: close)
    }
    return nil
  }
}

extension HeaderDeclarations.Record {
  /// A record without a tag, under the name of the first typedef of it, which its fields' layout paths
  /// start from (clang names it so in record layouts).
  init(
    typedef name: String, kind: ABIRecord.Kind, packed: Bool, fields: [HeaderDeclarations.Field], size: Int? = nil,
    alignment: Int? = nil
  ) {
    let fields = fields.map { field in
      var field = field
      field.layoutPath[0].recordType = name
      return field
    }
    self.init(name: name, kind: kind, packed: packed, fields: fields, namedByTypedef: true, size: size, alignment: alignment)
  }
}
