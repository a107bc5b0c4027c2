internal import CLibClang

extension ProbeAnswers {
  /// One unit's answers from libclang in this process: the same unit as a clang process compiles, whose
  /// answers array clang evaluates element by element instead of emitting it as IR. It asks no layout
  /// question that the declarations read in this process already answer (bit-field offsets included),
  /// so it needs no record layouts.
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
    // Nothing to evaluate: the declarations already hold every number.
    if asking.isEmpty { return .success(ProbeAnswers(values: [:], layouts: RecordLayouts())) }
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
          return ProbeAnswers(values: values, layouts: RecordLayouts())
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
}
