import FoundationEssentials
import Glibc

/// Translation units compiled by one clang process. Each unit is written to an unnamed file (removed
/// as soon as it is created, so nothing is left on disk whatever ends the process) which clang opens
/// as `/proc/PID/fd/N`; that name, unique to the unit, is how clang's output is split among them.
struct ClangBatch {
  /// The same flags for every unit.
  var flags: [String]
  var units: [[UInt8]]
  /// Whether clang writes an output file (`-o /dev/fd/3`, read as ``Clang/Output/file``).
  var outputFile = false

  /// The output of one batch and the name clang gave each unit.
  struct Output {
    let status: Int32
    let stdout: [UInt8]
    let stderr: [UInt8]
    let file: [UInt8]
    let names: [String]

    /// clang's first `error:` line.
    var firstError: String { Clang.firstError(stderr: stderr, status: status) }

    /// clang's first `error:` line located in one unit, or its first overall when none is.
    func firstError(ofUnit unit: Int) -> String {
      let prefix = Array((names[unit] + ":").utf8)
      let own = stderr.split(separator: UInt8(ascii: "\n")).first { line in
        line.starts(with: prefix) && line.firstIndex(of: Array(" error:".utf8)) != nil
      }
      return own.map { String(decoding: $0, as: UTF8.self) } ?? firstError
    }
  }

  /// Runs the batches at once, each as one clang process: the driver for a single unit, its frontend
  /// (see ``ClangFrontend``) for more.
  static func run(_ batches: [ClangBatch], clang: Clang) throws(ABIError) -> [Output] {
    var descriptors: [Int32] = []
    defer { descriptors.forEach { close($0) } }
    var invocations: [ChildProcess.Invocation] = []
    var names: [[String]] = []
    for batch in batches {
      var batchNames: [String] = []
      for unit in batch.units {
        let descriptor = try UnnamedFile.create(holding: unit)
        descriptors.append(descriptor)
        batchNames.append(UnnamedFile.name(descriptor))
      }
      names.append(batchNames)
      let flags = batch.flags + (batch.outputFile ? ["-o", "/dev/fd/3"] : [])
      // The driver starts a process per input; with one input, it compiles in its own.
      let command =
        if batchNames.count > 1, let frontend = try ClangFrontendCache.shared.frontend(clang: clang, flags: flags) {
          frontend.arguments
        } else {
          [clang.executable] + flags
        }
      invocations.append(ChildProcess.Invocation(arguments: command + ["-x", "c"] + batchNames, fd3: batch.outputFile))
    }
    return try zip(ChildProcess.run(invocations), names).map {
      Output(status: $0.status, stdout: $0.stdout, stderr: $0.stderr, file: $0.fd3, names: $1)
    }
  }
}

/// Splitting one batch's output among its units.
extension ClangBatch.Output {
  /// Each unit's part of the `-E` output: from the line marker entering the unit (`# 1 "NAME"`) to the
  /// next unit's; nil when a unit's marker is missing.
  private static let errorTag = Array(": error:".utf8)
  private static let fatalErrorTag = Array(": fatal error:".utf8)

  func preprocessedParts(upTo count: Int? = nil) -> [ArraySlice<UInt8>]? {
    var starts: [Int] = []
    var from = stdout.startIndex
    // A unit's part ends where the next one's begins, so one more marker is looked for when there is one.
    for name in names.prefix(min(names.count, (count ?? names.count) + 1)) {
      let marker = Array("# 1 \"\(name)\"\n".utf8)
      guard let start = stdout[from...].firstLine(marker) else { return nil }
      starts.append(start)
      from = start + marker.count
    }
    return starts.indices.prefix(count ?? names.count).map {
      stdout[starts[$0]..<(($0 + 1 < starts.count) ? starts[$0 + 1] : stdout.endIndex)]
    }
  }

  /// The lines of each unit clang reports an error on, by unit; errors elsewhere (in a header the unit
  /// includes) are in `elsewhere`.
  func errorLines() -> (byUnit: [Int: [Int]], elsewhere: Bool) {
    let unitOf = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var byUnit: [Int: [Int]] = [:]
    var elsewhere = false
    for line in stderr.split(separator: UInt8(ascii: "\n")) {
      guard let error = line.firstIndex(of: Self.errorTag) ?? line.firstIndex(of: Self.fatalErrorTag) else { continue }
      // `NAME:LINE:COL: error:`; a unit's name (`/proc/PID/fd/N`) holds no `:`.
      let location = line[..<error].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
      guard location.count == 3, let unit = unitOf[String(decoding: location[0], as: UTF8.self)],
        let number = Int(String(decoding: location[1], as: UTF8.self))
      else {
        elsewhere = true
        continue
      }
      byUnit[unit, default: []].append(number)
    }
    return (byUnit, elsewhere)
  }

  /// The unit clang's first error belongs to: the unit it is located in, or the one whose include stack
  /// clang prints before it (`In file included from NAME:1:`); nil when no unit is named by then. With
  /// warnings off, the first diagnostic is that error, and every unit before it compiled.
  func firstFailingUnit() -> Int? {
    let unitOf = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let included = Array("In file included from ".utf8)
    var named: Int?
    for line in stderr.split(separator: UInt8(ascii: "\n")) {
      let location = line.starts(with: included) ? line.dropFirst(included.count) : line
      let file = location.prefix { $0 != UInt8(ascii: ":") }
      if let unit = unitOf[String(decoding: file, as: UTF8.self)] { named = named ?? unit }
      if line.firstIndex(of: Self.errorTag) != nil || line.firstIndex(of: Self.fatalErrorTag) != nil { return named }
    }
    return nil
  }

  /// Each unit's LLVM IR module in the output file, by the unit's name (its `ModuleID`); clang emits
  /// none for a unit with an error, nor for any after it.
  func modules() -> [String: ArraySlice<UInt8>] {
    let tag = Array("; ModuleID = '".utf8)
    var starts: [(name: String, start: Int)] = []
    var from = file.startIndex
    while let start = file[from...].firstLine(tag) {
      let nameStart = start + tag.count
      let nameEnd = file[nameStart...].firstIndex(of: UInt8(ascii: "'")) ?? file.endIndex
      starts.append((String(decoding: file[nameStart..<nameEnd], as: UTF8.self), start))
      from = nameEnd
    }
    var modules: [String: ArraySlice<UInt8>] = [:]
    for (position, item) in starts.enumerated() {
      modules[item.name] = file[item.start..<(position + 1 < starts.count ? starts[position + 1].start : file.endIndex)]
    }
    return modules
  }
}
