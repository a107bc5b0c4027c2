// The differential header fuzzer: generated headers (HeaderGenerator.swift) dumped by the engine's two
// readers — libclang in this process, which every `vfio abi` run uses, and clang processes (JSON AST,
// `-E -dD`, the probe's IR), kept as its oracle — must give identical manifests; a header broken by a
// mutation must give the same error from both, or identical manifests when it still compiles.
//
//   header-fuzzer COUNT SEED DIRECTORY [HEADERS-PER-UNIT [FIRST]]
//   header-fuzzer --compare HEADER
//
// A clang process costs tens of milliseconds, so headers are concatenated into units (their names
// are disjoint), each unit dumped as one header: its manifest is the union of its headers', compared
// whole. The first unit of every job is also broken by a mutation (the same for a seed) and dumped again. A
// differing unit is written to DIRECTORY with each of its headers that differs alone
// (`diff-SEED-INDEX.h`, the fixture to commit), and the run exits 1. Reproduce one header with
// `header-fuzzer 1 SEED DIRECTORY 1 INDEX`.

import Foundation
@testable import VFIOABI

@main
struct HeaderDiffFuzzer {
  static func main() {
    let arguments = CommandLine.arguments.dropFirst().map { $0 }
    if arguments.first == "--compare", arguments.count == 2 {
      // One header file through both readers: how a difference is reduced to its fixture.
      do throws(ABIError) {
        let run = try Run(seed: 0, directory: NSTemporaryDirectory())
        let header = ABIHeader.file(arguments[1])
        let library = run.libclang.manifests([header])[0]
        let process = run.processes.manifests([header])[0]
        print(library == process ? "same" : Run.describe(library, process))
        exit(library == process ? 0 : 1)
      } catch {
        print("cannot start: \(error)")
        exit(2)
      }
    }
    guard arguments.count >= 3, let count = Int(arguments[0]), let seed = UInt64(arguments[1]) else {
      FileHandle.standardError.write(Data("usage: header-fuzzer COUNT SEED DIRECTORY [HEADERS-PER-UNIT [FIRST]]\n".utf8))
      exit(2)
    }
    let directory = arguments[2]
    let perUnit = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 200) : 200
    let first = arguments.count > 4 ? Int(arguments[4]) ?? 0 : 0
    do throws(ABIError) {
      let run = try Run(seed: seed, directory: directory)
      let started = Date()
      let outcome = run.fuzz(headers: first..<(first + count), perUnit: perUnit)
      let seconds = Date().timeIntervalSince(started)
      print(
        "fuzz headers: \(count) headers in \(outcome.units) units (+\(outcome.mutated) mutated), "
          + "\(Int(Double(count) / max(seconds, 0.001))) headers/s, \(Int(seconds)) s, "
          + "\(outcome.differences) differences, \(outcome.invalid) generated units that do not compile, "
          + "mutated units: \(outcome.mutatedFailing) refused alike, \(outcome.mutatedCompiling) still compiling")
      exit(outcome.differences == 0 && outcome.invalid == 0 ? 0 : 1)
    } catch {
      print("fuzz headers: cannot start: \(error)")
      exit(2)
    }
  }
}

struct Run: Sendable {
  let seed: UInt64
  let directory: String
  let libclang: HeaderBatch
  let processes: HeaderBatch

  init(seed: UInt64, directory: String) throws(ABIError) {
    guard let target = ABITarget.host else { throw .unknownTarget("this machine's architecture") }
    let clang = try Clang.locate()
    guard LibClang.beside(clang) != nil else { throw .processFailed("no libclang beside \(clang.executable)") }
    libclang = HeaderBatch(clang: clang, options: try CompilerOptions(target: target, includeDirectories: []), target: target)
    var processes = libclang
    processes.inProcess = false
    self.processes = processes
    self.seed = seed
    self.directory = directory
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  struct Outcome: Sendable {
    var units = 0
    var mutated = 0
    var differences = 0
    var invalid = 0
    var mutatedFailing = 0
    var mutatedCompiling = 0

    static func + (a: Outcome, b: Outcome) -> Outcome {
      Outcome(
        units: a.units + b.units, mutated: a.mutated + b.mutated, differences: a.differences + b.differences, invalid: a.invalid + b.invalid,
        mutatedFailing: a.mutatedFailing + b.mutatedFailing, mutatedCompiling: a.mutatedCompiling + b.mutatedCompiling)
    }
  }

  /// Units compiled by one clang process of each kind.
  static let unitsPerJob = 4

  func fuzz(headers: Range<Int>, perUnit: Int) -> Outcome {
    let units = stride(from: headers.lowerBound, to: headers.upperBound, by: perUnit).map {
      $0..<min(headers.upperBound, $0 + perUnit)
    }
    let jobs = stride(from: 0, to: units.count, by: Self.unitsPerJob).map {
      Array(units[$0..<min(units.count, $0 + Self.unitsPerJob)])
    }
    let progress = Progress(total: headers.count)
    let results = ParallelMap.run(jobs) { job in
      let outcome = check(job)
      progress.add(job.reduce(0) { $0 + $1.count }, differences: outcome.differences)
      return outcome
    }
    return results.reduce(Outcome()) { total, result in
      switch result {
      case .success(let outcome): return total + outcome
      case .failure(let error):
        print("a job failed: \(error)")
        return total + Outcome(differences: 1)
      }
    }
  }

  static func unitText(_ headers: [String]) -> String {
    "#include <linux/types.h>\n" + headers.joined()
  }

  private func write(_ text: String, name: String) -> String {
    let path = directory + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  private func check(_ units: [Range<Int>]) -> Outcome {
    var outcome = Outcome(units: units.count, mutated: 1)
    var paths: [String] = []
    var texts: [String] = []
    for unit in units {
      let text = Self.unitText(unit.map { HeaderGenerator.header(seed: seed, index: $0) })
      texts.append(text)
      paths.append(write(text, name: "unit-\(unit.lowerBound).h"))
    }
    // The job's first unit broken too: a broken unit costs a parse like a whole one.
    var random = SeededGenerator(seed: seed ^ 0x6D75_7461_7465 ^ UInt64(units[0].lowerBound))
    let mutatedPaths = [write(Mutation.apply(to: texts[0], random: &random), name: "mutated-\(units[0].lowerBound).h")]
    let all = (paths + mutatedPaths).map { ABIHeader.file($0) }
    let fromLibClang = libclang.manifests(all)
    let fromProcesses = processes.manifests(all)
    for (index, header) in all.enumerated() {
      let mutated = index >= units.count
      let unit = units[index % units.count]
      switch (fromLibClang[index], fromProcesses[index]) {
      case (.success(let library), .success(let process)) where library == process:
        if mutated { outcome.mutatedCompiling += 1 }
      case (.failure(let library), .failure(let process)) where library == process:
        if mutated {
          outcome.mutatedFailing += 1
        } else {
          outcome.invalid += 1
          print("generated unit \(unit) does not compile: \(library)")
          keep(header, as: "invalid-\(seed)-\(unit.lowerBound).h")
        }
      case (let library, let process):
        outcome.differences += 1
        print("DIFFERENCE in \(mutated ? "mutated " : "")unit \(unit) (\(header)):")
        print(Self.describe(library, process))
        keep(header, as: "diff-\(seed)-\(mutated ? "mutated-" : "")\(unit.lowerBound).h")
        if !mutated { isolate(unit) }
      }
    }
    for path in paths + mutatedPaths { unlink(path) }
    return outcome
  }

  private func keep(_ header: ABIHeader, as name: String) {
    guard case .file(let path) = header else { return }
    try? FileManager.default.removeItem(atPath: directory + "/" + name)
    try? FileManager.default.copyItem(atPath: path, toPath: directory + "/" + name)
  }

  /// Each header of a differing unit alone: the ones that differ become `diff-SEED-INDEX.h`.
  private func isolate(_ unit: Range<Int>) {
    for index in unit {
      let path = write(Self.unitText([HeaderGenerator.header(seed: seed, index: index)]), name: "diff-\(seed)-\(index).h")
      let header = ABIHeader.file(path)
      let library = libclang.manifests([header])[0]
      let process = processes.manifests([header])[0]
      if library == process {
        unlink(path)
      } else {
        print("  header \(index) differs alone: \(path)")
      }
    }
  }

  /// The first place two results differ.
  static func describe(_ library: Result<ABIManifest, ABIError>, _ process: Result<ABIManifest, ABIError>) -> String {
    guard case .success(let a) = library, case .success(let b) = process else {
      func brief(_ result: Result<ABIManifest, ABIError>) -> String {
        switch result {
        case .success(let manifest): "a manifest of \(manifest.records.count) records"
        case .failure(let error): "\(error)"
        }
      }
      return "  libclang: \(brief(library))\n  processes: \(brief(process))"
    }
    var lines: [String] = []
    for (x, y) in zip(a.records, b.records) where x != y {
      lines.append("  record libclang:  \(x)\n  record processes: \(y)")
      break
    }
    if a.records.count != b.records.count { lines.append("  records: \(a.records.count) vs \(b.records.count)") }
    for (x, y) in zip(a.enumConstants, b.enumConstants) where x != y {
      lines.append("  enum constant libclang: \(x)\n  enum constant processes: \(y)")
      break
    }
    if a.enumConstants.count != b.enumConstants.count { lines.append("  enum constants: \(a.enumConstants.count) vs \(b.enumConstants.count)") }
    let macrosA = Set(a.macros), macrosB = Set(b.macros)
    for macro in a.macros where !macrosB.contains(macro) { lines.append("  macro only libclang: \(macro)") }
    for macro in b.macros where !macrosA.contains(macro) { lines.append("  macro only processes: \(macro)") }
    if a.included != b.included { lines.append("  included differ") }
    return lines.prefix(12).joined(separator: "\n")
  }
}

/// A change that usually breaks a header: characters deleted, a token inserted, a line doubled or dropped.
enum Mutation {
  static let tokens = [
    "}", "{", ";", "struct", "#if 1", "#endif", ")", "(", "@", "#error broken", "int", ":", "[", "]", "__attribute__((",
    "#define", "\"", "'", "*", "= 1", ",", "#include <no/such.h>", "union", "enum", ":0", "[]", "sizeof(", "\\",
    "\n#line 7 \"renamed.h\"\n",
  ]

  static func apply(to text: String, random: inout SeededGenerator) -> String {
    var bytes = Array(text.utf8)
    // Past the include line: its own breakage is one case, not the mutations' subject.
    let start = min(bytes.count, 25)
    let position = start + random.below(bytes.count - start)
    switch random.below(4) {
    case 0:
      bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(20)))
    case 1:
      bytes.insert(contentsOf: Array((" " + random.pick(tokens) + " ").utf8), at: position)
    case 2:
      let lineStart = bytes[..<position].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
      let lineEnd = bytes[position...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
      bytes.insert(contentsOf: Array(bytes[lineStart..<lineEnd]), at: lineEnd)
    default:
      let lineStart = bytes[..<position].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
      let lineEnd = bytes[position...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
      bytes.removeSubrange(lineStart..<lineEnd)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Headers done so far, printed every few seconds.
final class Progress: @unchecked Sendable {
  private let lock = NSLock()
  private let total: Int
  private let started = Date()
  private var done = 0
  private var differences = 0
  private var printed = Date()

  init(total: Int) { self.total = total }

  func add(_ headers: Int, differences found: Int) {
    lock.lock()
    defer { lock.unlock() }
    done += headers
    differences += found
    guard Date().timeIntervalSince(printed) > 30 || done == total else { return }
    printed = Date()
    let seconds = Date().timeIntervalSince(started)
    print("\(done)/\(total) headers, \(Int(Double(done) / max(seconds, 0.001))) headers/s, \(differences) differences")
    fflush(stdout)
  }
}
