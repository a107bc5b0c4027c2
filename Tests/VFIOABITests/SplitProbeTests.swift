import Foundation
import Testing
@testable import VFIOABI

/// A header's questions asked by two units parsed at once (``InProcessDump/splitThreshold``) give the
/// manifest one unit gives, and clang processes give (``HeaderBatch/inProcess`` off, the oracle).
@Suite("Questions split over two units")
struct SplitProbeTests {
  /// The in-process dump of `path`, its questions split over two units from `threshold` questions on,
  /// found as ``HeaderBatch`` finds them (guessed, then the preprocessing record's macros), with the fixture's
  /// directory as `-I`.
  /// `guess` replaces the names guessed from the header's text.
  static func dump(_ path: String, splittingFrom threshold: Int, guess: MacroCandidates? = nil) throws -> Result<ABIManifest, ABIError> {
    let target = try #require(ABITarget.host)
    let clang = try Clang.locate()
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let options = try CompilerOptions(target: target, includeDirectories: [directory])
    let included = IncludedFiles(roots: [directory])
    let library = try #require(LibClang.beside(clang))
    let guessed = guess ?? MacroCandidates(header: path, included: included, searchPath: options.searchPath)
    return InProcessDump.manifest(
      header: .file(path), headerFile: path, macros: .guessed(guessed), included: included,
      target: target, library: library, flags: options.flags, splittingFrom: threshold)
  }

  static func processes(_ path: String) throws -> Result<ABIManifest, ABIError> {
    let target = try #require(ABITarget.host)
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var batch = HeaderBatch(clang: try Clang.locate(), options: try CompilerOptions(target: target, includeDirectories: [directory]), target: target)
    batch.inProcess = false
    return batch.manifests([.file(path)])[0]
  }

  @Test(
    "Split or not, the manifest is clang's: values wider than 64 bits, rejected questions, undefined values and #undef'd macros in either half",
    arguments: [("split", "questions.h"), ("macro-128", "new.h"), ("macro-discovery", "undefines.h"), ("macro-discovery", "spelling.h")])
  func sameManifest(_ directory: String, _ file: String) throws {
    let path = try Fixture.path(directory, file)
    let oracle = try Self.processes(path).get()
    // From 2 questions on: every fixture asks more, so each is split.
    let split = try Self.dump(path, splittingFrom: 2).get()
    let whole = try Self.dump(path, splittingFrom: .max).get()
    #expect(split == oracle)
    #expect(whole == oracle)
    guard file == "questions.h" else { return }
    // Each half held a wide value, a rejected question and an undefined macro.
    let values = Dictionary(uniqueKeysWithValues: split.macros.map { ($0.name, $0.value) })
    #expect(values["A_WIDE"] == String(Int128(1) << 101))
    #expect(values["B_WIDE_UNSIGNED"] == String((UInt128(1) << 126) + 5))
    #expect(values["B_ALL_ONES"] == String(UInt64.max) && values["A_MINUS_ONE"] == "-1" && values["B_LAST"] == "1")
    for gone in ["A_TYPE", "A_CALL", "A_GONE", "B_TYPE", "B_CALL", "B_GONE"] { #expect(values[gone] == nil, "\(gone)") }
  }

  @Test("A header that does not compile fails split as it fails whole, with the header's first error")
  func sameError() throws {
    let path = try Fixture.path("bad", "broken.h")
    let whole = try Self.dump(path, splittingFrom: .max)
    let split = try Self.dump(path, splittingFrom: 1)
    guard case .failure(.headerDoesNotCompile(let header, let expected)) = whole,
      case .failure(.headerDoesNotCompile(let splitHeader, let error)) = split
    else {
      Issue.record("broken.h did not fail as a header that does not compile: \(whole), \(split)")
      return
    }
    #expect(splitHeader == header && error == expected)
    #expect(error.contains("broken.h"))
  }

  @Test("A header of thousands of macros is split by default and dumps as one unit does")
  func thousandsSplitByDefault() throws {
    try TemporaryDirectory.with("vfio-split") { directory in
      let path = directory.appendingPathComponent("many.h").path
      let questions = try String(contentsOfFile: try Fixture.path("split", "questions.h"), encoding: .utf8)
      // The fixture's questions at the start and at the end, plain values between: both halves ask some.
      var text = questions
      for index in 0..<InProcessDump.splitThreshold { text += "#define M\(index) (\(index) * 3 - 1000)\n" }
      text += questions.replacingOccurrences(of: "#define A_", with: "#define Z_").replacingOccurrences(of: "#define B_", with: "#define Y_")
        .replacingOccurrences(of: "#undef A_", with: "#undef Z_").replacingOccurrences(of: "#undef B_", with: "#undef Y_")
        .replacingOccurrences(of: "split_b", with: "split_y").replacingOccurrences(of: "B_ENUMERATOR", with: "Y_ENUMERATOR")
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      let split = try Self.dump(path, splittingFrom: InProcessDump.splitThreshold).get()
      #expect(split == (try Self.dump(path, splittingFrom: .max).get()))
      #expect(split.macros.count > InProcessDump.splitThreshold)
      #expect(split.macros.first { $0.name == "Y_WIDE_UNSIGNED" }?.value == String((UInt128(1) << 126) + 5))
      #expect(split.macros.first { $0.name == "M1999" }?.value == "4997")
    }
  }
}
