internal import CLibClang

extension HeaderDeclarations {
  /// The declarations read from libclang's cursors over a translation unit that includes the header,
  /// parsed in this process: the same declarations as from the unit's JSON AST (``init(dump:headerFile:included:)``),
  /// named and typed with the same spellings, without clang writing the AST out and this process
  /// reading it back. The unit's own declarations, which follow the header's, end the reading: they
  /// are the questions the unit asks, `unitFile` naming it.
  init(unit: LibClang.TranslationUnit, headerFile: String, included: IncludedFiles, unitFile: String) throws(ABIError) {
    var reader = CursorReader(unit: unit, headerFile: headerFile, included: included)
    for cursor in unit.children(of: unit.cursor) {
      if unit.file(cursor) == unitFile { break }
      try reader.declaration(cursor)
    }
    self.init(
      headerFile: headerFile, included: included, records: reader.records, enumerators: reader.enumerators,
      includedRecords: reader.includedRecords, includedEnumerators: reader.includedEnumerators,
      enumeratorValues: reader.enumeratorValues)
  }
}

/// One pass over a unit's cursors, in the order the JSON reader takes its nodes, so that records and
/// enumerators come out in the same order.
private struct CursorReader {
  typealias Field = HeaderDeclarations.Field

  let unit: LibClang.TranslationUnit
  let headerFile: String
  let included: IncludedFiles
  var records: [HeaderDeclarations.Record] = []
  var enumerators: [HeaderDeclarations.Enumerator] = []
  var includedRecords: [(name: String, file: String)] = []
  var includedEnumerators: [(name: String, file: String)] = []
  var enumeratorValues: [String: String] = [:]
  /// Each canonical type's spelling as ``CanonicalType`` prints it, by clang's spelling: the same few
  /// types recur field after field, and reading one cost 32,000 instructions (1.3 billion for a header
  /// of 40,000 fields).
  var canonicalSpellings: [String: String] = [:]
  /// Top-level records without a tag, by their declaration, until a typedef names them.
  private var untagged: [UnsafeRawPointer?: (kind: ABIRecord.Kind, file: String, packed: Bool, fields: [Field], type: CLibClang_Type)] =
    [:]

  init(unit: LibClang.TranslationUnit, headerFile: String, included: IncludedFiles) {
    self.unit = unit
    self.headerFile = headerFile
    self.included = included
  }

  mutating func declaration(_ cursor: CLibClang_Cursor) throws(ABIError) {
    switch cursor.kind {
    case Int32(CLibClang_CursorStructDecl), Int32(CLibClang_CursorUnionDecl):
      try record(cursor, depth: 0)
    case Int32(CLibClang_CursorEnumDecl):
      enumeration(cursor)
    case Int32(CLibClang_CursorTypedefDecl):
      typedef(cursor)
    default:
      return
    }
  }

  private static func kind(_ cursor: CLibClang_Cursor) -> ABIRecord.Kind {
    cursor.kind == Int32(CLibClang_CursorUnionDecl) ? .union : .struct
  }

  /// A record's or enum's tag; nil when it has none. libclang spells an untagged one by its location
  /// (`struct (unnamed at …)`) or by the typedef that names it, whose type clang prints without the
  /// keyword a tag's type has in C.
  private func tag(_ cursor: CLibClang_Cursor, keyword: String) -> String? {
    let name = unit.spelling(cursor)
    guard !name.isEmpty, !name.contains("("), unit.typeSpelling(cursor) == "\(keyword) \(name)" else { return nil }
    return name
  }

  /// A named record defined in the header becomes a manifest record; every record is searched for
  /// nested records and enums.
  private mutating func record(_ cursor: CLibClang_Cursor, depth: Int) throws(ABIError) {
    guard depth < HeaderDeclarations.nestingLimit else { throw HeaderDeclarations.tooDeep }
    let kind = Self.kind(cursor)
    let name = tag(cursor, keyword: kind.rawValue)
    let file = unit.file(cursor)
    let isDefinition = unit.isDefinition(cursor)
    var slot: Int?
    if let name, isDefinition, let file {
      if file == headerFile {
        slot = records.count
        records.append(HeaderDeclarations.Record(name: name, kind: kind, packed: false, fields: []))
      } else if let other = included.name(of: file) {
        includedRecords.append((name, other))
      }
    }
    let members = try self.members(of: cursor, recordType: name.map { "\(kind.rawValue) \($0)" }, depth: depth)
    if let slot {
      records[slot].packed = members.packed
      records[slot].fields = members.fields
      records[slot].size = unit.size(unit.type(cursor))
      records[slot].alignment = unit.alignment(unit.type(cursor))
    } else if name == nil, depth == 0, isDefinition, let file {
      untagged[cursor.data.0] = (kind, file, members.packed, members.fields, unit.type(cursor))
    }
  }

  /// The fields of a record, anonymous members flattened, and whether it is packed; nested records and
  /// enums found on the way are recorded too. libclang visits declarations but not the implicit
  /// member an anonymous struct or union makes, so the fields come from the record's type, which has
  /// them all (unnamed ones included, as their indexes in the layout need).
  private mutating func members(of cursor: CLibClang_Cursor, recordType: String?, depth: Int) throws(ABIError)
    -> (packed: Bool, fields: [Field])
  {
    var packed = false
    var anonymous: [UnsafeRawPointer?: [Field]] = [:]
    for child in unit.children(of: cursor) {
      switch child.kind {
      case Int32(CLibClang_CursorPackedAttr):
        packed = true
      case Int32(CLibClang_CursorStructDecl), Int32(CLibClang_CursorUnionDecl):
        guard tag(child, keyword: Self.kind(child).rawValue) == nil else {
          try record(child, depth: depth + 1)
          continue
        }
        guard depth + 1 < HeaderDeclarations.nestingLimit else { throw HeaderDeclarations.tooDeep }
        anonymous[child.data.0] = try members(of: child, recordType: nil, depth: depth + 1).fields
      case Int32(CLibClang_CursorEnumDecl):
        enumeration(child)
      default:
        continue
      }
    }
    var fields: [Field] = []
    for (fieldIndex, field) in unit.fields(of: unit.type(cursor)).enumerated() {
      let name = unit.spelling(field)
      let type = unit.spelling(unit.type(field))
      // libclang names the member an anonymous record makes by its type (`union (anonymous at …)`).
      guard !name.isEmpty, !name.contains("(") else {
        // An anonymous struct or union member: its fields belong to this record, one level down in the
        // layout. An unnamed bit-field only takes its place among the fields.
        guard unit.bitWidth(field) == nil, let members = anonymous[unit.declaration(unit.type(field)).data.0] else {
          continue
        }
        let memberOffset = unit.bitOffset(field)
        for var member in members {
          member.layoutPath.insert((recordType ?? "", fieldIndex), at: 0)
          member.layoutPath[1].recordType = type
          member.bitOffset = memberOffset.flatMap { offset in member.bitOffset.map { offset + $0 } }
          fields.append(member)
        }
        continue
      }
      let canonical = desugared(unit.type(field)) ?? type
      let clangCanonical = unit.spelling(unit.canonical(unit.type(field)))
      let canonicalType: String
      if let known = canonicalSpellings[clangCanonical] {
        canonicalType = known
      } else {
        let spelled = CanonicalType.spelling(of: clangCanonical, typedefs: [:])
        // Only clang's spelling decides it (no typedef is known); the fallback reads `canonical`, which may differ.
        if let spelled { canonicalSpellings[clangCanonical] = spelled }
        canonicalType = spelled ?? HeaderDeclarations.withoutLocations(canonical)
      }
      fields.append(
        Field(
          name: name, spelledType: type, type: HeaderDeclarations.withoutLocations(type),
          canonicalType: canonicalType, canonicalSpelling: canonical,
          bitWidth: unit.bitWidth(field), layoutPath: [(recordType ?? "", fieldIndex)],
          bitOffset: unit.bitOffset(field), size: unit.size(unit.type(field))))
    }
    return (packed, fields)
  }

  /// The spelling of `type` without the sugar at its top (typedefs, `struct` elaboration, attributes),
  /// as the JSON AST's `desugaredQualType` gives it: sugar inside a pointer or array stays. Where
  /// libclang cannot take a step the JSON AST takes (`typeof`, parentheses, a qualifier on a typedef),
  /// the canonical type, which equals it unless sugar is nested further down. Nil when there is no sugar.
  private func desugared(_ type: CLibClang_Type) -> String? {
    var current = type
    var stepped = false
    while true {
      let next: CLibClang_Type
      switch current.kind {
      case Int32(CLibClang_TypeTypedef): next = unit.typedefUnderlyingType(unit.declaration(current))
      case Int32(CLibClang_TypeElaborated): next = unit.namedType(current)
      case Int32(CLibClang_TypeAttributed): next = unit.modifiedType(current)
      case Int32(CLibClang_TypeUnexposed): return unit.spelling(unit.canonical(type))
      default: return stepped ? unit.spelling(current) : nil
      }
      if unit.isQualified(current) { return unit.spelling(unit.canonical(type)) }
      current = next
      stepped = true
    }
  }

  private mutating func enumeration(_ cursor: CLibClang_Cursor) {
    let name = tag(cursor, keyword: "enum")
    let file = unit.file(cursor)
    for child in unit.children(of: cursor) where child.kind == Int32(CLibClang_CursorEnumConstantDecl) {
      let constant = unit.spelling(child)
      guard !constant.isEmpty, let owner = unit.file(child) ?? file else { continue }
      if owner == headerFile {
        enumerators.append(HeaderDeclarations.Enumerator(name: constant, enumName: name))
      } else if let other = included.name(of: owner) {
        includedEnumerators.append((constant, other))
      } else {
        continue
      }
      enumeratorValues[constant] = unit.enumeratorValue(child)
    }
  }

  /// `typedef struct { … } name;`: the untagged record is named by the first typedef of it.
  private mutating func typedef(_ cursor: CLibClang_Cursor) {
    let name = unit.spelling(cursor)
    var type = unit.typedefUnderlyingType(cursor)
    if type.kind == Int32(CLibClang_TypeElaborated) { type = unit.namedType(type) }
    guard !name.isEmpty, type.kind == Int32(CLibClang_TypeRecord),
      let record = untagged.removeValue(forKey: unit.declaration(type).data.0)
    else { return }
    if record.file == headerFile {
      records.append(
        HeaderDeclarations.Record(
          typedef: name, kind: record.kind, packed: record.packed, fields: record.fields, size: unit.size(record.type),
          alignment: unit.alignment(record.type)))
    } else if let other = included.name(of: record.file) {
      includedRecords.append((name, other))
    }
  }
}
