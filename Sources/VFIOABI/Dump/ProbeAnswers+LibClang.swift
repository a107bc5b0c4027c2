internal import CLibClang

extension ProbeAnswers {
  /// One unit's answers from libclang in this process: the same unit as a clang process compiles, whose
  /// answers array clang evaluates element by element instead of emitting it as IR, and the offsets
  /// of bit-fields read from clang's layout of each record instead of its layout dump.
  ///
  /// An error on a question's line rejects that question, as in a clang process. Unlike IR, which
  /// clang emits only for a unit without errors, each answer is an expression of its own line, so the
  /// others are read from the same parse: nothing in the header can name a question's declaration (its
  /// name carries the unit's random token), so a rejected line cannot change another line's answer. An
  /// error elsewhere (in the header, or on a line that asks nothing) rejects the whole parse, and the unit
  /// is compiled again without the rejected questions, as the processes do.
  static func inProcess(_ question: Question, library: LibClang, flags: [String]) -> Result<ProbeAnswers, ABIError> {
    // An unsaved file needs a name no file on disk has; `/proc/self/fd/` holds only numbers.
    let name = "/proc/self/fd/vfio-abi-\(question.unit.token).c"
    var asking = question.asking
    for _ in 0..<runLimit {
      let source = question.unit.source(asking: asking, including: question.header)
      let outcome = Result { () throws(ABIError) -> ProbeAnswers? in
        try library.parse(source.text, name: name, arguments: flags) { unit throws(ABIError) -> ProbeAnswers? in
          let errors = unit.errors
          var rejected: Set<Int> = []
          var unexplained = false
          for error in errors {
            if error.file == name, let entry = source.entryAtLine[error.line] {
              rejected.insert(entry)
            } else {
              unexplained = true
            }
          }
          if !errors.isEmpty && rejected.isEmpty {
            let own = errors.first { $0.file == name } ?? errors[0]
            throw .headerDoesNotCompile(header: question.description, firstError: own.text)
          }
          asking.removeAll { rejected.contains($0) }
          guard !unexplained, let values = answers(unit, source: source, unitName: name, answersName: question.unit.answers, skipping: rejected)
          else {
            guard errors.isEmpty else { return nil }
            throw .unexpectedClangOutput("libclang gave no value for some of the probe's answers")
          }
          let layouts = question.unit.asksBitFields ? recordLayouts(unit) : RecordLayouts()
          return ProbeAnswers(values: values, layouts: layouts)
        }
      }
      switch outcome {
      case .success(let answers?): return .success(answers)
      case .success(nil): continue
      case .failure(let error): return .failure(error)
      }
    }
    return .failure(.unexpectedClangOutput("the probe unit still failed after \(runLimit) runs"))
  }

  /// The value of every question the unit asks and did not reject, read from the answers array's
  /// elements (each question's line holds its value and whether it is negative); nil when one is missing.
  private static func answers(
    _ unit: LibClang.TranslationUnit, source: ProbeUnit.Source, unitName: String, answersName: String,
    skipping rejected: Set<Int>
  ) -> [Int: String]? {
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
      guard let line = arrayLine[index], let pair = numbers[line], pair.count == 2, let value = pair[0], let negative = pair[1]
      else { return nil }
      values[index] = negative != 0 ? String(value) : String(UInt64(bitPattern: value))
    }
    return values
  }

  /// The field offsets of every record the unit defines, by its type as clang spells it (the spelling
  /// its JSON AST and layout dump use), as clang lays it out.
  private static func recordLayouts(_ unit: LibClang.TranslationUnit) -> RecordLayouts {
    var offsets: [String: [Int]] = [:]
    unit.visitChildren(of: unit.cursor) { cursor in
      switch cursor.kind {
      case Int32(CLibClang_CursorStructDecl), Int32(CLibClang_CursorUnionDecl):
        guard unit.isDefinition(cursor) else { return .next }
        let type = unit.typeSpelling(cursor)
        if offsets[type] == nil {
          let fields = unit.fields(of: unit.type(cursor)).map(unit.bitOffset)
          if !fields.contains(nil) { offsets[type] = fields.compactMap { $0 } }
        }
        return .children
      case ..<Int32(CLibClang_CursorFirstExpr):
        // Declarations hold records; expressions, statements and references do not declare one a
        // header's field can have.
        return .children
      default:
        return .next
      }
    }
    return RecordLayouts(fieldOffsets: offsets)
  }
}

extension ProbeUnit {
  /// Whether a question is about a bit-field (the size of its type), whose offset only a record layout gives.
  var asksBitFields: Bool {
    entries.contains { if case .typeSize = $0 { true } else { false } }
  }
}
