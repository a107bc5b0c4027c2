import FoundationEssentials
import Glibc

extension ProbeUnit {
  /// Every number a manifest of these declarations and macros holds.
  init(declarations: HeaderDeclarations, definitions: MacroDefinitions) {
    self.init()
    for macro in definitions.macros where MacroDefinitions.mayBeInteger(macro.definition) { add(.macro(macro.name)) }
    for enumerator in declarations.enumerators { add(.enumerator(enumerator.name)) }
    for macro in definitions.includedMacros where MacroDefinitions.mayBeInteger(macro.definition) {
      add(.macro(macro.name))
    }
    for enumerator in declarations.includedEnumerators { add(.enumerator(enumerator.name)) }
    // What clang's layout in this process gave is not asked again.
    for record in declarations.records {
      if record.size == nil { add(.recordSize(record.spelling)) }
      if record.alignment == nil { add(.recordAlignment(record.spelling)) }
      for field in record.fields {
        if field.bitWidth != nil {
          guard field.size == nil else { continue }
          add(.typeSize(field.spelledType))
          add(.typeSize(field.canonicalSpelling))
        } else {
          if field.bitOffset == nil { add(.fieldOffset(record: record.spelling, field: field.name)) }
          // A flexible array member has no `sizeof`; asking would only cost another run.
          if field.size == nil && !field.isFlexibleArray { add(.fieldSize(record: record.spelling, field: field.name)) }
        }
      }
    }
  }
}

extension HeaderBatch.Discovered {
  /// The manifest, once clang has answered the unit's questions.
  func manifest(header: ABIHeader, target: ABITarget, answers: ProbeAnswers) throws(ABIError) -> ABIManifest {
    var lookup = Lookup(unit: unit, answers: answers)
    var records: [ABIRecord] = []
    for record in declarations.records {
      var fields: [ABIField] = []
      for field in record.fields {
        fields.append(try lookup.field(field, in: record))
      }
      records.append(
        ABIRecord(
          name: record.name, kind: record.kind,
          size: try lookup.number(record.size, else: .recordSize(record.spelling)),
          alignment: try lookup.number(record.alignment, else: .recordAlignment(record.spelling)),
          packed: record.packed, fields: fields, namedByTypedef: record.namedByTypedef ? true : nil))
    }
    var enumConstants: [ABIEnumConstant] = []
    for enumerator in declarations.enumerators {
      enumConstants.append(
        ABIEnumConstant(
          name: enumerator.name, enumName: enumerator.enumName,
          value: try lookup.enumerator(enumerator.name, known: declarations.enumeratorValues)))
    }
    let macroValues = definitions.macros.compactMap { macro in
      lookup.answer(.macro(macro.name)).map { ABIMacro(name: macro.name, definition: macro.definition, value: $0) }
    }
    var visible: [ABIIncludedDeclaration] = declarations.includedRecords.map {
      ABIIncludedDeclaration(kind: .record, name: $0.name, file: $0.file)
    }
    for enumerator in declarations.includedEnumerators {
      guard let value = try? lookup.enumerator(enumerator.name, known: declarations.enumeratorValues) else { continue }
      visible.append(ABIIncludedDeclaration(kind: .enumConstant, name: enumerator.name, file: enumerator.file, value: value))
    }
    for macro in definitions.includedMacros {
      guard let value = lookup.answer(.macro(macro.name)) else { continue }
      visible.append(ABIIncludedDeclaration(kind: .macro, name: macro.name, file: macro.file, value: value))
    }
    return ABIManifest(
      header: header.description, target: target.triple, records: records, enumConstants: enumConstants,
      macros: macroValues, included: visible.isEmpty ? nil : visible)
  }
}

/// Answers by question.
private struct Lookup {
  let unit: ProbeUnit
  let answers: ProbeAnswers

  func answer(_ entry: ProbeUnit.Entry) -> String? { unit.index(of: entry).flatMap { answers.values[$0] } }

  func value(_ entry: ProbeUnit.Entry) throws(ABIError) -> String {
    guard let value = answer(entry) else { throw .unexpectedClangOutput("no answer for \(entry)") }
    return value
  }

  /// An enumerator's value: the one clang's AST in this process gave, else the probe's answer.
  func enumerator(_ name: String, known: [String: String]) throws(ABIError) -> String {
    if let value = known[name] { return value }
    return try value(.enumerator(name))
  }

  /// A number clang's layout in this process already gave, else the probe's answer.
  func number(_ known: Int?, else entry: ProbeUnit.Entry) throws(ABIError) -> Int {
    if let known { return known }
    return try number(entry)
  }

  func number(_ entry: ProbeUnit.Entry) throws(ABIError) -> Int {
    guard let number = Int(try value(entry)) else { throw .unexpectedClangOutput("\(entry) is not a size") }
    return number
  }

  mutating func field(_ field: HeaderDeclarations.Field, in record: HeaderDeclarations.Record) throws(ABIError)
    -> ABIField
  {
    if let width = field.bitWidth {
      guard let bits = field.bitOffset ?? answers.layouts.bitOffset(field.layoutPath) else {
        throw .unexpectedClangOutput("no layout for bit-field \(record.name).\(field.name)")
      }
      let size = answer(.typeSize(field.spelledType)) != nil ? field.spelledType : field.canonicalSpelling
      return ABIField(
        name: field.name, type: field.type, canonicalType: field.canonicalType, offset: bits / 8,
        size: try number(field.size, else: .typeSize(size)), bitOffset: bits % 8, bitWidth: width)
    }
    let offset = try number(field.bitOffset.map { $0 / 8 }, else: .fieldOffset(record: record.spelling, field: field.name))
    let sizeEntry = ProbeUnit.Entry.fieldSize(record: record.spelling, field: field.name)
    // `sizeof` a flexible array member (`T x[]`, `T x[][6]`) is an error: it occupies no bytes of the
    // record, and it is the only member of incomplete type a record that compiles can have.
    let size =
      if let known = field.size { known } else if field.isFlexibleArray || (field.type.contains("[]") && answer(sizeEntry) == nil) { 0 } else {
        try number(sizeEntry)
      }
    return ABIField(
      name: field.name, type: field.type, canonicalType: field.canonicalType, offset: offset, size: size)
  }
}
