import Foundation

/// One header's dump: the runs described on ``ABIManifest/dump(header:target:includeDirectories:)``
/// and the manifest assembled from their answers.
struct HeaderDump {
  let clang: Clang
  let options: CompilerOptions
  let header: ABIHeader
  let target: ABITarget

  /// Whether the header means the same to clang here as in `other`: the same preprocessed text, file
  /// names in line markers taken relative to each side's `-I` roots. When so, both manifests are equal,
  /// and only whether the header compiles on its own remains to be asked: `firstError` is nil when it
  /// does, clang's first error when it does not.
  func preprocessesLike(_ other: HeaderDump) throws(ABIError) -> (same: Bool, firstError: String?) {
    let mine = try header.resolve(searchPath: options.searchPath)
    defer { if let descriptor = mine.descriptor { close(descriptor) } }
    let theirs = try other.header.resolve(searchPath: other.options.searchPath)
    defer { if let descriptor = theirs.descriptor { close(descriptor) } }
    let outputs = try clang.run([
      Clang.Run(arguments: options.flags + mine.flags + ["-include", mine.path, "-E", "-dD"], source: []),
      Clang.Run(arguments: other.options.flags + theirs.flags + ["-include", theirs.path, "-E", "-dD"], source: []),
    ])
    guard outputs[0].status == 0, outputs[1].status == 0,
      Self.normalized(outputs[0].stdout, roots: IncludedFiles(roots: options.includeDirectories))
        == Self.normalized(outputs[1].stdout, roots: IncludedFiles(roots: other.options.includeDirectories))
    else { return (false, nil) }
    let check = try clang.run([
      Clang.Run(arguments: options.flags + mine.flags + ["-include", mine.path, "-fsyntax-only"], source: [])
    ])[0]
    return (true, check.status == 0 ? nil : check.firstError)
  }

  /// Preprocessed text with every line marker's file named relative to its root.
  private static func normalized(_ output: [UInt8], roots: IncludedFiles) -> [ArraySlice<UInt8>] {
    output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
      guard line.first == UInt8(ascii: "#"), let marker = LineMarker(line), let name = roots.name(of: marker.file) else {
        return line
      }
      return ArraySlice(Array("# \"\(name)\" \(marker.flags)".utf8))
    }
  }

  func manifest() throws(ABIError) -> ABIManifest {
    let resolved = try header.resolve(searchPath: options.searchPath)
    defer { if let descriptor = resolved.descriptor { close(descriptor) } }
    let arguments = options.flags + resolved.flags + ["-include", resolved.path]
    let outputs = try clang.run([
      Clang.Run(arguments: arguments + ["-fsyntax-only", "-Xclang", "-ast-dump=json"], source: []),
      Clang.Run(arguments: arguments + ["-E", "-dD"], source: []),
    ])
    guard outputs[0].status == 0 else {
      throw .headerDoesNotCompile(header: header.description, firstError: outputs[0].firstError)
    }
    let tooDeep = ABIError.unsupportedHeader(
      "declarations nested more than \(HeaderDeclarations.nestingLimit) deep (clang's AST is deeper than \(HeaderDeclarations.astDepthLimit))")
    guard
      let ast = try JSONParser.values(outputs[0].stdout, depthLimit: HeaderDeclarations.astDepthLimit, tooDeep: tooDeep)
        .first
    else {
      throw .unexpectedClangOutput("no AST dump")
    }
    let included = IncludedFiles(roots: options.includeDirectories + (resolved.directory.map { [$0] } ?? []))
    let declarations = try HeaderDeclarations(dump: ast, headerFile: resolved.path, included: included)
    let definitions = MacroDefinitions(preprocessed: outputs[1].stdout, headerFile: resolved.path, included: included)
    let macros = definitions.macros

    var unit = ProbeUnit()
    for macro in macros where MacroDefinitions.mayBeInteger(macro.definition) { unit.add(.macro(macro.name)) }
    for enumerator in declarations.enumerators { unit.add(.enumerator(enumerator.name)) }
    for macro in definitions.includedMacros where MacroDefinitions.mayBeInteger(macro.definition) {
      unit.add(.macro(macro.name))
    }
    for enumerator in declarations.includedEnumerators { unit.add(.enumerator(enumerator.name)) }
    for record in declarations.records {
      unit.add(.recordSize(record.spelling))
      unit.add(.recordAlignment(record.spelling))
      for field in record.fields {
        if field.bitWidth != nil {
          unit.add(.typeSize(field.spelledType))
          unit.add(.typeSize(field.canonicalSpelling))
        } else {
          unit.add(.fieldOffset(record: record.spelling, field: field.name))
          // A flexible array member has no `sizeof`; asking would only cost another run.
          if !field.isFlexibleArray { unit.add(.fieldSize(record: record.spelling, field: field.name)) }
        }
      }
    }
    let answers = try ProbeAnswers(unit: unit, clang: clang, arguments: arguments, header: header.description)
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
          size: try lookup.number(.recordSize(record.spelling)),
          alignment: try lookup.number(.recordAlignment(record.spelling)),
          packed: record.packed, fields: fields, namedByTypedef: record.namedByTypedef ? true : nil))
    }
    var enumConstants: [ABIEnumConstant] = []
    for enumerator in declarations.enumerators {
      enumConstants.append(
        ABIEnumConstant(
          name: enumerator.name, enumName: enumerator.enumName, value: try lookup.value(.enumerator(enumerator.name))))
    }
    let macroValues = macros.compactMap { macro in
      lookup.answer(.macro(macro.name)).map { ABIMacro(name: macro.name, definition: macro.definition, value: $0) }
    }
    var visible: [ABIIncludedDeclaration] = declarations.includedRecords.map {
      ABIIncludedDeclaration(kind: .record, name: $0.name, file: $0.file)
    }
    for enumerator in declarations.includedEnumerators {
      guard let value = lookup.answer(.enumerator(enumerator.name)) else { continue }
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
  let indexes: [ProbeUnit.Entry: Int]
  let answers: ProbeAnswers

  init(unit: ProbeUnit, answers: ProbeAnswers) {
    indexes = Dictionary(unit.entries.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    self.answers = answers
  }

  func answer(_ entry: ProbeUnit.Entry) -> String? { indexes[entry].flatMap { answers.values[$0] } }

  func value(_ entry: ProbeUnit.Entry) throws(ABIError) -> String {
    guard let value = answer(entry) else { throw .unexpectedClangOutput("no answer for \(entry)") }
    return value
  }

  func number(_ entry: ProbeUnit.Entry) throws(ABIError) -> Int {
    guard let number = Int(try value(entry)) else { throw .unexpectedClangOutput("\(entry) is not a size") }
    return number
  }

  mutating func field(_ field: HeaderDeclarations.Field, in record: HeaderDeclarations.Record) throws(ABIError)
    -> ABIField
  {
    if let width = field.bitWidth {
      guard let bits = answers.layouts.bitOffset(field.layoutPath) else {
        throw .unexpectedClangOutput("no layout for bit-field \(record.name).\(field.name)")
      }
      let size = answer(.typeSize(field.spelledType)) != nil ? field.spelledType : field.canonicalSpelling
      return ABIField(
        name: field.name, type: field.type, canonicalType: field.canonicalType, offset: bits / 8,
        size: try number(.typeSize(size)), bitOffset: bits % 8, bitWidth: width)
    }
    let offset = try number(.fieldOffset(record: record.spelling, field: field.name))
    let sizeEntry = ProbeUnit.Entry.fieldSize(record: record.spelling, field: field.name)
    // `sizeof` a flexible array member (`T x[]`, `T x[][6]`) is an error: it occupies no bytes of the
    // record, and it is the only member of incomplete type a record that compiles can have.
    let size = field.isFlexibleArray || (field.type.contains("[]") && answer(sizeEntry) == nil) ? 0 : try number(sizeEntry)
    return ABIField(
      name: field.name, type: field.type, canonicalType: field.canonicalType, offset: offset, size: size)
  }
}
