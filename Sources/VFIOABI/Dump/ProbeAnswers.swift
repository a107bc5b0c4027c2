/// What clang answered to a probe unit, over as many runs as it takes: each run compiles what is still
/// open to LLVM IR; an entry on a line clang reports an error for is dropped (a macro that is a type or
/// a pointer, a flexible array's `sizeof`) and the rest compiled again. IR is emitted only when nothing
/// failed, so a header whose macros are all integers takes one run.
///
/// Many units go through one clang process (``ClangBatch``); clang stops emitting IR at the first unit
/// with an error, so the units before it are answered and the rest run again. Each unit starts with a
/// record of its own, whose layout clang prints first, so the record layouts clang prints split by unit.
struct ProbeAnswers {
  private(set) var values: [Int: String] = [:]
  private(set) var layouts = RecordLayouts()

  /// Bounds the reruns; each drops at least one entry, and one with errors beyond its own lines
  /// ends the dump, so the bound only matters if clang's error recovery hides entries' errors.
  static let runLimit = 8

  /// One unit's questions: the header it includes (its absolute path), how to name it in errors and
  /// which of its entries to ask.
  struct Question {
    var unit: ProbeUnit
    var header: String
    var description: String
    var asking: [Int]

    init(unit: ProbeUnit, header: String, description: String) {
      self.unit = unit
      self.header = header
      self.description = description
      asking = Array(unit.entries.indices)
    }
  }

  init(values: [Int: String], layouts: RecordLayouts) {
    self.values = values
    self.layouts = layouts
  }

  /// Each unit's answers from clang processes, many units to a process.
  static func batch(_ questions: [Question], clang: Clang, flags: [String]) -> [Result<ProbeAnswers, ABIError>] {
    var results = [Result<ProbeAnswers, ABIError>?](repeating: nil, count: questions.count)
    var open = questions.map(\.asking)
    var pending = Array(questions.indices)
    let probeFlags = ProbeUnit.flags(flags) + ["-S", "-emit-llvm", "-O0", "-Xclang", "-fdump-record-layouts-simple"]
    for _ in 0..<runLimit where !pending.isEmpty {
      let sources = pending.map { questions[$0].unit.source(asking: open[$0], including: questions[$0].header) }
      let output: ClangBatch.Output
      do throws(ABIError) {
        output = try ClangBatch.run(
          [ClangBatch(flags: probeFlags, units: sources.map(\.text), outputFile: true)], clang: clang)[0]
      } catch {
        for index in pending { results[index] = .failure(error) }
        return results.map { $0 ?? .failure(error) }
      }
      let (errors, elsewhere) = output.errorLines()
      if elsewhere && pending.count > 1 {
        // An error inside a header cannot be told apart by unit: each unit runs alone from here.
        for index in pending {
          var question = questions[index]
          question.asking = open[index]
          results[index] = batch([question], clang: clang, flags: flags)[0]
        }
        pending = []
        break
      }
      let modules = output.modules()
      let markers = pending.map { output.stdout[...].firstLine(Array("Type: \(questions[$0].unit.marker)\n".utf8)) }
      var next: [Int] = []
      var progressed = false
      for (position, index) in pending.enumerated() {
        let question = questions[index]
        if let module = modules[output.names[position]] {
          let end = markers.compactMap { $0 }.filter { $0 > (markers[position] ?? Int.max) }.min() ?? output.stdout.endIndex
          let layout = markers[position].map { output.stdout[$0..<end] } ?? []
          results[index] = Result { () throws(ABIError) in
            try ProbeAnswers(module: module, layout: layout, source: sources[position], unit: question.unit)
          }
          progressed = true
          continue
        }
        let lines = errors[position] ?? []
        let rejected = Set(lines.compactMap { sources[position].entryAtLine[$0] })
        if rejected.isEmpty && (!lines.isEmpty || pending.count == 1) {
          results[index] = .failure(
            .headerDoesNotCompile(header: question.description, firstError: output.firstError(ofUnit: position)))
          continue
        }
        progressed = progressed || !rejected.isEmpty
        open[index].removeAll { rejected.contains($0) }
        next.append(index)
      }
      if !progressed {
        // Nothing answered and nothing rejected: clang failed before any unit.
        for index in next { results[index] = .failure(.unexpectedClangOutput("the probe run failed: \(output.firstError)")) }
        next = []
      }
      pending = next
    }
    return results.map { $0 ?? .failure(.unexpectedClangOutput("the probe unit still failed after \(Self.runLimit) runs")) }
  }

  private init(module: ArraySlice<UInt8>, layout: ArraySlice<UInt8>, source: ProbeUnit.Source, unit: ProbeUnit)
    throws(ABIError)
  {
    layouts = try RecordLayouts(dump: layout)
    let numbers = try Self.array(module, name: unit.answers)
    guard numbers.count == 2 * source.order.count else {
      throw .unexpectedClangOutput("\(numbers.count) numbers in the IR for \(source.order.count) answers")
    }
    for (position, index) in source.order.enumerated() {
      values[index] = ProbeUnit.value(low: numbers[2 * position], high: numbers[2 * position + 1])
    }
  }

  /// The elements of the answers array in the LLVM IR line `@name = … constant TYPE VALUE, align N`.
  static func array(_ ir: ArraySlice<UInt8>, name: String) throws(ABIError) -> [Int64] {
    let start = Array("@\(name) = ".utf8)
    guard let found = ir.firstLine(start) else { throw .unexpectedClangOutput("no @\(name) in the IR") }
    let line = ir[(found + start.count)...].prefix { $0 != UInt8(ascii: "\n") }
    var reader = IRConstant(bytes: line)
    return try reader.elements()
  }
}
