internal import CLibClang

/// One header described by libclang in this process, from one parse of one unit: the unit includes the
/// header and then asks the value of every macro the header's `-E -dD` output shows (the probe unit of
/// ``ProbeUnit``, without the record that marks its layouts for a clang process). The cursors give the
/// declarations, with their layouts and enumerator values; clang evaluates the answers array's elements
/// (`clang_Cursor_Evaluate`) for the macros.
///
/// An error on a question's line rejects that question, as in a clang process. Unlike IR, which clang
/// emits only for a unit without errors, each answer is an expression of its own line, so the others
/// are read from the same parse: nothing in the header can name a question's declaration (its name
/// carries the unit's random token), so a rejected line cannot change another line's answer, and the
/// header, parsed before any question, is the same whatever they ask. An error in the header, or on a
/// line that asks nothing, is the header's when no question is rejected; otherwise the unit is parsed
/// again without the rejected questions, as the processes do.
enum InProcessDump {
  /// The name the unit is parsed under: an unsaved file needs a name no file on disk has, and
  /// `/proc/self/fd/` holds only numbers.
  static let unitName = "/proc/self/fd/vfio-abi-unit.c"

  static func manifest(
    header: ABIHeader, headerFile: String, definitions: MacroDefinitions, included: IncludedFiles,
    target: ABITarget, library: LibClang, flags: [String]
  ) -> Result<ABIManifest, ABIError> {
    var unit = ProbeUnit()
    // Enumerators are not asked: their values are in the AST (a clang process asks them after
    // `#undef`ing their names, which gives the same: a macro of the same name does not hide them).
    for macro in definitions.macros + definitions.includedMacros.map({ ($0.name, $0.definition) })
    where MacroDefinitions.mayBeInteger(macro.definition) {
      unit.add(.macro(macro.name))
    }
    var asking = Array(unit.entries.indices)
    for _ in 0..<ProbeAnswers.runLimit {
      let source = unit.source(asking: asking, including: headerFile, marked: false)
      let outcome = Result { () throws(ABIError) -> ABIManifest? in
        try library.parse(source.text, name: unitName, arguments: ProbeUnit.flags(flags)) { parsed throws(ABIError) -> ABIManifest? in
          let errors = parsed.errors
          var rejected: Set<Int> = []
          var unexplained = false
          for error in errors {
            if error.file == unitName, let entry = source.entryAtLine[error.line] {
              rejected.insert(entry)
            } else {
              unexplained = true
            }
          }
          // The header's errors come first: it is parsed before any question.
          if unexplained && rejected.isEmpty {
            throw .headerDoesNotCompile(header: header.description, firstError: errors[0].text)
          }
          asking.removeAll { rejected.contains($0) }
          guard !unexplained else { return nil }
          let declarations = try HeaderDeclarations(
            unit: parsed, headerFile: headerFile, included: included, unitFile: unitName)
          guard let values = answers(parsed, source: source, answersName: unit.answers, skipping: rejected) else {
            guard errors.isEmpty else { return nil }
            throw .unexpectedClangOutput("libclang gave no value for some of the probe's answers")
          }
          let discovered = HeaderBatch.Discovered(
            headerFile: headerFile, declarations: declarations, definitions: definitions, unit: unit)
          return try discovered.manifest(
            header: header, target: target, answers: ProbeAnswers(values: values, layouts: RecordLayouts()))
        }
      }
      switch outcome {
      case .success(let manifest?): return .success(manifest)
      case .success(nil): continue
      case .failure(let error): return .failure(error)
      }
    }
    return .failure(.unexpectedClangOutput("the probe unit still failed after \(ProbeAnswers.runLimit) runs"))
  }

  /// The value of every question the unit asks and did not reject, read from the answers array's
  /// elements (each question's line holds its value and whether it is negative); nil when one is missing.
  private static func answers(
    _ unit: LibClang.TranslationUnit, source: ProbeUnit.Source, answersName: String, skipping rejected: Set<Int>
  ) -> [Int: String]? {
    guard !source.order.isEmpty else { return [:] }
    var list: CLibClang_Cursor?
    unit.visitChildren(of: unit.cursor) { cursor in
      guard cursor.kind == Int32(CLibClang_CursorVarDecl), unit.spelling(cursor) == answersName else { return .next }
      unit.visitChildren(of: cursor) { child in
        guard child.kind == Int32(CLibClang_CursorInitListExpr) else { return .next }
        list = child
        return .stop
      }
      return .stop
    }
    guard let list else { return nil }
    var numbers: [Int: [Int64?]] = [:]
    unit.visitChildren(of: list) { element in
      let start = unit.startLine(element)
      if start.file == unitName { numbers[start.line, default: []].append(unit.integer(element)) }
      return .next
    }
    // A question's enumerator line comes before its line in the array.
    var arrayLine: [Int: Int] = [:]
    for (line, entry) in source.entryAtLine { arrayLine[entry] = max(arrayLine[entry] ?? 0, line) }
    var values: [Int: String] = [:]
    for index in source.order where !rejected.contains(index) {
      guard let line = arrayLine[index], let pair = numbers[line], pair.count == 2, let low = pair[0], let high = pair[1]
      else { return nil }
      values[index] = ProbeUnit.value(low: low, high: high)
    }
    return values
  }
}
