/// What clang answered to a probe unit, over as many runs as it takes: each run compiles what is still
/// open to LLVM IR; an entry on a line clang reports an error for is dropped (a macro that is a type or
/// a pointer, a flexible array's `sizeof`) and the rest compiled again. IR is emitted only when nothing
/// failed, so a header whose macros are all integers takes one run.
struct ProbeAnswers {
  private(set) var values: [Int: String] = [:]
  private(set) var layouts = RecordLayouts()

  /// Bounds the reruns; each drops at least one entry, and one with errors beyond its own lines
  /// ends the dump, so the bound only matters if clang's error recovery hides entries' errors.
  static let runLimit = 8

  init(unit: ProbeUnit, clang: Clang, arguments: [String], header: String) throws(ABIError) {
    var open = Array(unit.entries.indices)
    let flags = arguments + ["-S", "-emit-llvm", "-O0", "-Xclang", "-fdump-record-layouts-simple"]
    for _ in 0..<Self.runLimit {
      let (source, entryAtLine, order) = unit.source(asking: open)
      let output = try clang.run([Clang.Run(arguments: flags, source: source, outputFile: true)])[0]
      if output.status == 0 {
        layouts = try RecordLayouts(dump: output.stdout[...])
        let numbers = try Self.array(output.file, name: unit.answers)
        guard numbers.count == 2 * order.count else {
          throw .unexpectedClangOutput("\(numbers.count) numbers in the IR for \(order.count) answers")
        }
        for (position, index) in order.enumerated() {
          let value = numbers[2 * position]
          values[index] = numbers[2 * position + 1] != 0 ? String(value) : String(UInt64(bitPattern: value))
        }
        return
      }
      let rejected = Set(Self.errorLines(output.stderr).compactMap { entryAtLine[$0] })
      guard !rejected.isEmpty else {
        throw .headerDoesNotCompile(header: header, firstError: output.firstError)
      }
      open.removeAll { rejected.contains($0) }
    }
    throw .unexpectedClangOutput("the probe unit still failed after \(Self.runLimit) runs")
  }

  /// The elements of the answers array in the LLVM IR line `@name = … constant TYPE VALUE, align N`.
  static func array(_ ir: [UInt8], name: String) throws(ABIError) -> [Int64] {
    let start = Array("@\(name) = ".utf8)
    guard let line = ir.split(separator: UInt8(ascii: "\n")).first(where: { $0.starts(with: start) }) else {
      throw .unexpectedClangOutput("no @\(name) in the IR")
    }
    var reader = IRConstant(String(decoding: line.dropFirst(start.count), as: UTF8.self))
    return try reader.elements()
  }

  /// The lines of the probe unit (read from stdin) that clang reports errors on.
  static func errorLines(_ stderr: [UInt8]) -> [Int] {
    let prefix = Array("<stdin>:".utf8)
    var lines: [Int] = []
    for line in stderr.split(separator: UInt8(ascii: "\n")) where line.starts(with: prefix) {
      let rest = line.dropFirst(prefix.count)
      let digits = rest.prefix(while: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
      guard let number = Int(String(decoding: digits, as: UTF8.self)) else { continue }
      let afterLine = rest.dropFirst(digits.count)
      // `<stdin>:LINE:COL: error:` — a note or warning does not reject the entry.
      guard let space = afterLine.firstIndex(of: UInt8(ascii: " ")),
        afterLine[space...].starts(with: " error:".utf8) || afterLine[space...].starts(with: " fatal error:".utf8)
      else { continue }
      lines.append(number)
    }
    return lines
  }
}
