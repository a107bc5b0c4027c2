internal import CLibClang
import FoundationEssentials

/// One header described by libclang in this process, from one parse of one unit: the unit includes the
/// header and then asks the value of every macro the header defines (those its `-E -dD` output shows, or
/// those its text seems to define, checked against the unit's own preprocessing record), each once, as an
/// enumerator (the probe unit of ``ProbeUnit`` in its ``ProbeUnit/Form/enumerators`` form). The cursors
/// give the declarations, with their layouts and enumerator values, and each question's enumerator its
/// answer. The few values wider than 64 bits, which an enumerator cuts, are asked again in a second
/// parse, as halves in the answers array whose elements clang evaluates (`clang_Cursor_Evaluate`).
///
/// An error on a question's line rejects that question, as in a clang process. Unlike IR, which clang
/// emits only for a unit without errors, each answer is an expression of its own line, so the others
/// are read from the same parse: nothing in the header can name a question's declaration (its name
/// carries the unit's random token), so a rejected line cannot change another line's answer, and the
/// header, parsed before any question, is the same whatever they ask (so asking a name more, guarded by
/// `#ifdef`, changes no other answer). An error in the header, or on a
/// line that asks nothing, is the header's when no question is rejected; otherwise the unit is parsed
/// again without the rejected questions, as the processes do.
///
/// By the same argument, a header that asks thousands of questions (``splitThreshold``) has them asked
/// by two such units at once, each on a thread of its own, about half the questions each: every question
/// gets the answer, or the rejection, it gets in one unit, and a header's error is the same in both.
enum InProcessDump {
  /// The name the unit is parsed under: an unsaved file needs a name no file on disk has, and
  /// `/proc/self/fd/` holds only numbers.
  static let unitName = "/proc/self/fd/vfio-abi-unit.c"

  /// What one parse answered: the declarations (from the first parse, in the enumerator form), the
  /// values it read and the questions whose values it cut to 64 bits.
  private struct Run: Sendable {
    var declarations: HeaderDeclarations?
    var values: [Int: String]
    var wide: [Int]
    /// The questions whose macro was no longer defined after the header.
    var undefined: Set<Int> = []
    /// The macros of the preprocessing record, when the unit kept one.
    var record: MacroRecords?
  }

  /// A header whose unit asks at least this many questions has them split over two units parsed at
  /// once on two threads (see ``manifest(header:headerFile:definitions:checkingDefined:included:target:library:flags:splittingFrom:)``):
  /// for 20,000 macros clang's parse of the questions cost 470 million instructions and the header's
  /// own preprocessing, which the second unit repeats, 82 million; a few hundred questions (vfio.h)
  /// cost less than the header they follow, so they stay on one unit.
  static let splitThreshold = 2048

  /// Where a dump's macros come from.
  enum Macros {
    /// Found before (from `-E -dD`): the unit asks these. `checkingDefined` says that some of them may
    /// have been `#undef`ed after their last definition (they come from ``MacroRecords``, which sees no
    /// `#undef`): the unit then asks whether each is still defined (see
    /// ``ProbeUnit/source(asking:including:marked:form:checkingDefined:)``).
    case known(MacroDefinitions, checkingDefined: Bool)
    /// Not found yet: the unit asks these names (``MacroCandidates``, from the header's text), under
    /// `#ifdef` when the text leaves some undefined, and keeps clang's preprocessing record, whose macros (``MacroRecords``) are the
    /// manifest's. When the record shows a macro the guess missed, the unit is parsed again asking the
    /// record's macros. One parse instead of two: a parse of the header for its record, then one that
    /// asks its values, cost vfio.h 4.5–6 ms and 6–8 ms, the one parse 7–8 ms.
    case guessed(MacroCandidates)

    /// Whether the unit keeps clang's preprocessing record, which only a guess needs.
    var readsRecord: Bool {
      if case .guessed = self { true } else { false }
    }
  }

  /// With `splittingFrom` questions or more and more than one processor, the questions are asked by
  /// two units, the first part and the rest, each parsed on a thread of its own; the first unit's
  /// declarations (and record) are the manifest's. Each question is a line of its own after the whole
  /// header, so it gets the same answer, or the same rejection, in either unit (see the type's comment).
  static func manifest(
    header: ABIHeader, headerFile: String, macros: Macros, included: IncludedFiles,
    target: ABITarget, library: LibClang, flags: [String], splittingFrom threshold: Int = splitThreshold
  ) -> Result<ABIManifest, ABIError> {
    var unit = ProbeUnit()
    let checkingDefined: Bool
    switch macros {
    case .known(let definitions, let checking):
      let questions = definitions.questions
      unit.reserve(questions.count)
      // Enumerators are not asked: their values are in the AST (a clang process asks them after
      // `#undef`ing their names, which gives the same: a macro of the same name does not hide them).
      for name in questions { unit.add(.macro(name)) }
      checkingDefined = checking
    case .guessed(let guess):
      unit.reserve(guess.names.count)
      for name in guess.names { unit.add(.macro(name)) }
      checkingDefined = guess.mayBeUndefined
    }
    let questions = Array(unit.entries.indices)
    // The first unit also reads the declarations and, for a guess, keeps and reads clang's record, which
    // holds every question's macro expansion: for 20,000 guessed macros split in half, its thread ran
    // 111 ms to the other's 81 (`perf -F 20000`); given two fifths, 66 ms each (`perf -F 5000`).
    let cut = macros.readsRecord ? questions.count * 2 / 5 : questions.count / 2
    let parts = questions.count >= threshold && ProcessInfo.processInfo.activeProcessorCount > 1
      ? [Array(questions[..<cut]), Array(questions[cut...])] : [questions]
    let probe = Probe(
      unit: unit, header: header, headerFile: headerFile, checkingDefined: checkingDefined, readingRecord: macros.readsRecord,
      included: included, library: library, flags: ProbeUnit.flags(flags))
    let answered = parts.count == 1
      ? [Result { () throws(ABIError) in try probe.ask(parts[0], form: .enumerators, readingDeclarations: true) }]
      : ParallelMap.run(Array(parts.enumerated()), workers: parts.count) { part throws(ABIError) in
        try probe.ask(part.element, form: .enumerators, readingDeclarations: part.offset == 0)
      }
    var found = Run(declarations: nil, values: [:], wide: [])
    var runs = 0
    for part in answered {
      switch part {
      case .success(let (run, used)):
        found.declarations = found.declarations ?? run.declarations
        found.record = found.record ?? run.record
        if found.values.isEmpty { found.values = run.values } else { found.values.merge(run.values) { first, _ in first } }
        found.wide += run.wide
        found.undefined.formUnion(run.undefined)
        runs = max(runs, used)
      case .failure(let error): return .failure(error)
      }
    }
    let definitions: MacroDefinitions
    switch macros {
    case .known(let known, _): definitions = known
    case .guessed:
      guard let record = found.record else { return .failure(.unexpectedClangOutput("no preprocessing record read")) }
      // A macro the guess missed: asked again, the record's macros known.
      guard record.definitions.questions.allSatisfy({ unit.index(of: .macro($0)) != nil }) else {
        return manifest(
          header: header, headerFile: headerFile, macros: .known(record.definitions, checkingDefined: record.mayUndefine),
          included: included, target: target, library: library, flags: flags, splittingFrom: threshold)
      }
      definitions = record.definitions
    }
    guard !found.wide.isEmpty else { return assemble(found, header: header, headerFile: headerFile, definitions: definitions, unit: unit, target: target) }
    // The values wider than 64 bits, asked again in the array form, in one unit, with the parses left.
    do throws(ABIError) {
      let (wide, _) = try probe.ask(found.wide, form: .array, readingDeclarations: false, parses: (runs + 1)..<(ProbeAnswers.runLimit + 1))
      found.values.merge(wide.values) { _, wide in wide }
      return assemble(found, header: header, headerFile: headerFile, definitions: definitions, unit: unit, target: target)
    } catch {
      return .failure(error)
    }
  }

  /// What every enumerators-form unit of one header shares.
  private struct Probe: Sendable {
    var unit: ProbeUnit
    var header: ABIHeader
    var headerFile: String
    var checkingDefined: Bool
    /// Whether the first unit keeps clang's preprocessing record, and its macros are read.
    var readingRecord: Bool
    var included: IncludedFiles
    var library: LibClang
    var flags: [String]

    /// Asks `questions` in one unit of `form`, parsed again without the questions each parse
    /// rejected, numbering the parses from `parses`' lower bound and giving up after its last; the run
    /// and the number of its last parse.
    func ask(
      _ questions: [Int], form: ProbeUnit.Form, readingDeclarations: Bool, parses: Range<Int> = 1..<(ProbeAnswers.runLimit + 1)
    ) throws(ABIError) -> (Run, Int) {
      var asking = questions
      for parse in parses {
        let source = unit.source(
          asking: asking, including: headerFile, marked: false, form: form, checkingDefined: form == .enumerators && checkingDefined)
        // The questions a header rejects are errors, each of which spell checking would answer with a
        // search of every name in scope; only the error a header fails with is read, and it is worded
        // as a clang process words it, so that parse runs again.
        let outcome: Run?
        do {
          outcome = try ask(source, asking: &asking, form: form, readingDeclarations: readingDeclarations, spellChecking: false)
        } catch .headerDoesNotCompile {
          outcome = try ask(source, asking: &asking, form: form, readingDeclarations: readingDeclarations, spellChecking: true)
        }
        if let outcome { return (outcome, parse) }
      }
      throw .unexpectedClangOutput("the probe unit still failed after \(ProbeAnswers.runLimit) runs")
    }

    private func ask(
      _ source: ProbeUnit.Source, asking: inout [Int], form: ProbeUnit.Form, readingDeclarations: Bool, spellChecking: Bool
    ) throws(ABIError) -> Run? {
      let recording = readingRecord && readingDeclarations
      let options = recording ? MacroRecords.parseOptions : 0
      return try library.parse(source.text, name: unitName, arguments: flags, options: options, spellChecking: spellChecking) {
        parsed throws(ABIError) -> Run? in
        var outcome = try run(parsed, source: source, form: form, readingDeclarations: readingDeclarations, header: header,
          headerFile: headerFile, included: included, answersName: unit.answers, asking: &asking)
        if recording { outcome?.record = MacroRecords(unit: parsed, headerFile: headerFile, included: included) }
        return outcome
      }
    }
  }

  /// Reads one parse: nil when it must run again without the questions it rejected (removed from
  /// `asking`).
  private static func run(
    _ parsed: LibClang.TranslationUnit, source: ProbeUnit.Source, form: ProbeUnit.Form, readingDeclarations: Bool,
    header: ABIHeader, headerFile: String, included: IncludedFiles, answersName: String, asking: inout [Int]
  ) throws(ABIError) -> Run? {
    // A cut value is no error of its question, even where a flag made the warning one.
    let wideTag = "[\(ProbeUnit.wideWarning)]"
    func isWide(_ diagnostic: LibClang.Error) -> Bool {
      diagnostic.file == unitName && (diagnostic.text.hasSuffix(wideTag) || diagnostic.text.hasSuffix(",\(ProbeUnit.wideWarning)]"))
    }
    let errors = parsed.errors.filter { !(form == .enumerators && isWide($0)) }
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
    switch form {
    case .enumerators:
      let declarations = readingDeclarations
        ? try HeaderDeclarations(unit: parsed, headerFile: headerFile, included: included, unitFile: unitName) : nil
      var wide: Set<Int> = []
      for diagnostic in parsed.warnings + parsed.errors where isWide(diagnostic) {
        if let entry = source.entryAtLine[diagnostic.line], !rejected.contains(entry) { wide.insert(entry) }
      }
      guard let (values, undefined) = enumeratorAnswers(parsed, source: source, skipping: rejected) else {
        guard errors.isEmpty else { return nil }
        throw .unexpectedClangOutput("libclang gave no value for some of the probe's questions")
      }
      return Run(
        declarations: declarations, values: values, wide: source.order.filter { wide.contains($0) && !undefined.contains($0) },
        undefined: undefined)
    case .array:
      guard let values = answers(parsed, source: source, answersName: answersName, skipping: rejected) else {
        guard errors.isEmpty else { return nil }
        throw .unexpectedClangOutput("libclang gave no value for some of the probe's answers")
      }
      return Run(declarations: nil, values: values, wide: [])
    }
  }

  private static func assemble(
    _ run: Run, header: ABIHeader, headerFile: String, definitions: MacroDefinitions, unit: ProbeUnit, target: ABITarget
  ) -> Result<ABIManifest, ABIError> {
    guard let declarations = run.declarations else { return .failure(.unexpectedClangOutput("no declarations read")) }
    var undefined: Set<String> = []
    for index in run.undefined { if case .macro(let name) = unit.entries[index] { undefined.insert(name) } }
    let discovered = HeaderBatch.Discovered(
      headerFile: headerFile, declarations: declarations, definitions: definitions.removing(undefined), unit: unit)
    return Result { () throws(ABIError) in
      try discovered.manifest(header: header, target: target, answers: ProbeAnswers(values: run.values, layouts: RecordLayouts()))
    }
  }

  /// The value of every question the unit asks and did not reject, read from its enumerator (the one
  /// on the question's line, in the unit's own file), and the questions whose macro was not defined
  /// (their line's enumerator is on a line of ``ProbeUnit/Source/undefinedAtLine``); nil when one is
  /// missing.
  private static func enumeratorAnswers(
    _ unit: LibClang.TranslationUnit, source: ProbeUnit.Source, skipping rejected: Set<Int>
  ) -> (values: [Int: String], undefined: Set<Int>)? {
    var values: [Int: String] = [:]
    var undefined: Set<Int> = []
    var files: [UnsafeMutableRawPointer: Bool] = [:]
    // One visit of the unit: a question's enum is entered, and its enumerator (the first of its
    // children) read, as the visit reaches it; a visit of each enum's own children cost as much again.
    var entry: Int?
    unit.visitChildren(of: unit.cursor) { cursor in
      if cursor.kind == Int32(CLibClang_CursorEnumConstantDecl) {
        if let question = entry { values[question] = unit.enumeratorValue(cursor) }
        entry = nil
        return .next
      }
      entry = nil
      guard cursor.kind == Int32(CLibClang_CursorEnumDecl) else { return .next }
      let start = unit.start(cursor)
      guard unit.isFile(start.file, named: unitName, cache: &files) else { return .next }
      if let question = source.undefinedAtLine[start.line] {
        undefined.insert(question)
        return .next
      }
      guard let question = source.entryAtLine[start.line], !rejected.contains(question) else { return .next }
      entry = question
      return .children
    }
    for index in source.order where !rejected.contains(index) && !undefined.contains(index) && values[index] == nil { return nil }
    return (values, undefined)
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
