import Foundation
import Testing
@testable import VFIOABI

/// Every header of whole UAPI trees: the manifest holds exactly the records and enumerators clang's
/// AST shows the header defining, every macro whose body is an integer literal with that value, and no
/// macro clang does not leave defined; and clang's `_Static_assert`s accept every size, alignment,
/// offset and value it states. Always over the installed `/usr/include/linux`; over more trees
/// when `VFIO_UAPI_TREES` lists them (colon-separated `usr/include` directories; `scripts/uapi-trees.sh`
/// fetches Debian's and prints the list).
@Suite("Manifests are complete over whole UAPI trees")
struct CompletenessTests {
  static var trees: [String] {
    let extra = (ProcessInfo.processInfo.environment["VFIO_UAPI_TREES"] ?? "").split(separator: ":").map(String.init)
    return ["/usr/include"] + extra
  }

  @Test("Every linux/ header of each tree", arguments: trees)
  func tree(_ root: String) throws {
    let tree = ABITree(root: root)
    let target = try #require(ABITarget.host)
    let includes = tree.includeDirectories(for: target)
    let headers = try tree.headers(in: ["linux"])
    #expect(headers.count > 400, "\(root) has only \(headers.count) linux/ headers")
    let clang = try Clang.locate()
    // The manifests come in batches, as tree mode makes them; the oracle looks at each header alone.
    let batch = HeaderBatch(
      clang: clang, options: try CompilerOptions(target: target, includeDirectories: includes), target: target)
    let outcomes = ParallelMap.inChunks([headers], workers: ProcessInfo.processInfo.activeProcessorCount) { chunk in
      zip(chunk, batch.manifests(chunk.map { .installed($0) })).map { name, manifest in
        .success(HeaderOutcome.check(name, manifest: manifest, root: root, includes: includes, clang: clang.executable))
      }
    }
    var totals = Totals()
    for case .success(let outcome) in outcomes {
      totals.add(outcome)
      for problem in outcome.problems { Issue.record("\(root)/\(outcome.header): \(problem)") }
    }
    #expect(totals.standalone > 400)
    print(
      "\(root): \(headers.count) linux/ headers, \(totals.standalone) standalone: records \(totals.records)/\(totals.expectedRecords), enumerators \(totals.enumerators)/\(totals.expectedEnumerators), literal macros \(totals.literalMacros)/\(totals.expectedLiteralMacros), integer macros \(totals.macros)"
    )
  }
}

private struct Totals {
  var standalone = 0
  var records = 0
  var expectedRecords = 0
  var enumerators = 0
  var expectedEnumerators = 0
  var literalMacros = 0
  var expectedLiteralMacros = 0
  var macros = 0

  mutating func add(_ outcome: HeaderOutcome) {
    guard let counts = outcome.counts else { return }
    standalone += 1
    records += counts.records.found
    expectedRecords += counts.records.expected
    enumerators += counts.enumerators.found
    expectedEnumerators += counts.enumerators.expected
    literalMacros += counts.literals.found
    expectedLiteralMacros += counts.literals.expected
    macros += counts.macros
  }
}

/// One header checked against the oracle.
private struct HeaderOutcome: Sendable {
  struct Counts: Sendable {
    var records: (found: Int, expected: Int)
    var enumerators: (found: Int, expected: Int)
    var literals: (found: Int, expected: Int)
    var macros: Int
  }

  var header: String
  var counts: Counts?
  var problems: [String] = []

  /// Whether clang's value is the literal's in two's complement at the literal's width: `-1U` is
  /// 4294967295, `-12ULL` is 2⁶⁴ − 12.
  static func sameInteger(_ computed: String, _ literal: String) -> Bool {
    guard let wide = Int64(literal).map({ UInt64(bitPattern: $0) }) ?? UInt64(literal) else { return false }
    let value = Int64(computed).map { UInt64(bitPattern: $0) } ?? UInt64(computed)
    guard let value else { return false }
    let negative = literal.hasPrefix("-")
    return value == wide || (negative && value <= UInt64(UInt32.max) && value == wide & UInt64(UInt32.max))
  }

  static func check(
    _ name: String, manifest dumped: Result<ABIManifest, ABIError>, root: String, includes: [String], clang: String
  ) -> HeaderOutcome {
    var outcome = HeaderOutcome(header: name)
    let path = root + "/" + name
    let verdict: ClangOracle.Verdict
    do {
      verdict = try ClangOracle.examine(path, clang: clang, includes: includes)
    } catch {
      outcome.problems.append("oracle: \(error)")
      return outcome
    }
    let manifest: ABIManifest
    do {
      manifest = try dumped.get()
    } catch {
      if case .notStandalone = verdict, case .headerDoesNotCompile = error { return outcome }
      outcome.problems.append("dump failed: \(error)")
      return outcome
    }
    guard case .standalone(let oracle) = verdict else {
      outcome.problems.append("dumped, but clang rejects the header on its own")
      return outcome
    }
    let records = Set(manifest.records.map(\.name))
    let enumerators = Set(manifest.enumConstants.map(\.name))
    let macros = Dictionary(manifest.macros.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    if records != oracle.records {
      outcome.problems.append(
        "records missing \(oracle.records.subtracting(records).sorted()), extra \(records.subtracting(oracle.records).sorted())")
    }
    if enumerators != oracle.enumerators {
      outcome.problems.append(
        "enumerators missing \(oracle.enumerators.subtracting(enumerators).sorted()), extra \(enumerators.subtracting(oracle.enumerators).sorted())")
    }
    var literalsFound = 0
    for (name, value) in oracle.literalMacros {
      guard let macro = macros[name] else {
        outcome.problems.append("macro \(name) missing")
        continue
      }
      if Self.sameInteger(macro.value, value) {
        literalsFound += 1
      } else {
        outcome.problems.append("macro \(name) = \(macro.value), its literal says \(value)")
      }
    }
    for macro in manifest.macros where oracle.definedMacros[macro.name] != macro.definition {
      outcome.problems.append("macro \(macro.name) [\(macro.definition)] is not what clang leaves defined")
    }
    do {
      if let failure = try StaticAssertions.check(manifest, path: path, clang: clang, includes: includes) {
        outcome.problems.append("a number clang disagrees with: \(failure)")
      }
    } catch {
      outcome.problems.append("static assertions: \(error)")
    }
    outcome.counts = Counts(
      records: (records.intersection(oracle.records).count, oracle.records.count),
      enumerators: (enumerators.intersection(oracle.enumerators).count, oracle.enumerators.count),
      literals: (literalsFound, oracle.literalMacros.count), macros: manifest.macros.count)
    return outcome
  }
}
