/// Turns one probe run's answers into a manifest, or into the questions still to ask.
struct ProbeAnswers {
  let unit: ProbeUnit
  let values: [Int: String]
  let layouts: LayoutDump

  enum Outcome {
    case complete(ABIManifest)
    case needs([ProbeUnit.Entry])
  }

  private func value(_ entry: ProbeUnit.Entry) -> String? {
    unit.entries.firstIndex(of: entry).flatMap { values[$0] }
  }

  func manifest(
    ast: ASTDump, macros: [(name: String, definition: String)], header: ABIHeader, target: ABITarget
  ) -> Outcome {
    var missing: [ProbeUnit.Entry] = []
    var records: [ABIRecord] = []
    for record in ast.records {
      guard let layout = layouts.layouts[record.name] else {
        missing.append(.record(record.name, record.kind))
        continue
      }
      var fields: [ABIField] = []
      for member in layout.members {
        guard let types = record.fieldTypes[member.name] else { continue }
        let size: Int?
        if member.bitWidth == nil, types.canonical.contains("(anonymous)") {
          let entry = ProbeUnit.Entry.fieldSize(record: record.name, kind: record.kind, field: member.name)
          size = value(entry).flatMap { Int($0) }
          if size == nil { missing.append(entry) }
        } else {
          size = self.size(of: types.canonical, missing: &missing)
        }
        fields.append(
          ABIField(
            name: member.name, type: types.type, canonicalType: types.canonical, offset: member.offset,
            size: size ?? 0, bitOffset: member.bitOffset, bitWidth: member.bitWidth))
      }
      records.append(
        ABIRecord(
          name: record.name, kind: record.kind, size: layout.size, alignment: layout.alignment,
          packed: record.packed, fields: fields))
    }
    guard missing.isEmpty else { return .needs(missing) }
    let enumConstants = ast.enums.flatMap { enumeration in
      enumeration.constants.map { ABIEnumConstant(name: $0.name, enumName: enumeration.name, value: $0.value) }
    }
    let macroValues = macros.compactMap { macro in
      value(.macro(macro.name)).map { ABIMacro(name: macro.name, definition: macro.definition, value: $0) }
    }
    return .complete(
      ABIManifest(
        header: header.description, target: target.triple, records: records, enumConstants: enumConstants,
        macros: macroValues))
  }

  /// `sizeof` a canonical type: arrays from their element, records from their layout, scalars and
  /// pointers from the sizes the probe asked for; anything else becomes a question for the next run.
  private func size(of type: String, missing: inout [ProbeUnit.Entry]) -> Int? {
    let type = type.split(separator: " ").filter { $0 != "const" && $0 != "volatile" }.joined(separator: " ")
    if type.hasSuffix("]"), let open = type.lastIndex(of: "[") {
      let count = type[type.index(after: open)..<type.index(before: type.endIndex)]
      if count.isEmpty { return 0 }
      guard let elements = Int(count) else { return ask(type, &missing) }
      let element = String(type[..<open].trimmingSpaces)
      return size(of: element, missing: &missing).map { $0 * elements }
    }
    if type.contains("*") { return scalar("void *") }
    for kind in ["struct ", "union "] where type.hasPrefix(kind) {
      if let layout = layouts.layouts[String(type.dropFirst(kind.count))] { return layout.size }
      return ask(type, &missing)
    }
    var words = type.split(separator: " ").filter { $0 != "signed" && $0 != "unsigned" }.joined(separator: " ")
    if words.isEmpty || words == "long int" || words == "short int" { words = words.isEmpty ? "int" : String(words.dropLast(4)) }
    if ProbeUnit.scalarTypes.contains(words) { return scalar(words) }
    return ask(type, &missing)
  }

  private func scalar(_ type: String) -> Int? { value(.typeSize(type)).flatMap { Int($0) } }

  private func ask(_ type: String, _ missing: inout [ProbeUnit.Entry]) -> Int? {
    let entry = ProbeUnit.Entry.typeSize(type)
    if let known = value(entry).flatMap({ Int($0) }) { return known }
    missing.append(entry)
    return nil
  }
}
