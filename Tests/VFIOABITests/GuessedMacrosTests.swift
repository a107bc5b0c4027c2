import Foundation
import Testing
@testable import VFIOABI

/// A dump asks the values of the macros its header's text seems to define and reads, from the same
/// parse, the preprocessing record that says which macros it defines (``InProcessDump/Macros/guessed(_:)``).
/// Whatever the guess, the manifest is clang's (the oracle: clang processes); the guess from the text
/// names every macro the record finds, so one parse is the rule and the second the exception.
@Suite("Macros guessed from the text")
struct GuessedMacrosTests {
  static let fixtures = [("macro-discovery", "undefines.h"), ("macro-discovery", "spelling.h"), ("split", "questions.h"), ("macro-128", "new.h")]

  @Test("A guess that misses macros, or names others, gives clang's manifest", arguments: fixtures)
  func anyGuess(_ directory: String, _ file: String) throws {
    let path = try Fixture.path(directory, file)
    let oracle = try SplitProbeTests.processes(path).get()
    try #require(!oracle.macros.isEmpty)
    #expect(try SplitProbeTests.dump(path, splittingFrom: .max).get() == oracle)
    // Missing every macro, half of them, or naming ones no file defines, a function-like macro's name
    // and a keyword: each question beyond the record's is asked under `#ifdef` and its answer dropped,
    // or, unguarded, rejected and asked no more.
    let names = oracle.macros.map(\.name)
    let others = ["VFIO_ABI_NOT_DEFINED_ANYWHERE", "A_CALL", "int", "__LINE__"]
    for names in [[], Array(names.prefix(names.count / 2)), others, others + names] {
      for guarded in [true, false] {
        let guess = MacroCandidates(names: names, mayBeUndefined: guarded)
        #expect(try SplitProbeTests.dump(path, splittingFrom: .max, guess: guess).get() == oracle, "\(names) \(guarded)")
      }
    }
  }

  @Test("The guess from the text names every macro the preprocessing record finds", arguments: ["spelling.h", "plain.h", "braces.h", "undefines.h"])
  func guessCoversRecord(_ file: String) throws {
    let path = try Fixture.path("macro-discovery", file)
    let (_, records) = try MacroDiscoveryTests.both(path)
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let options = try CompilerOptions(target: try #require(ABITarget.host), includeDirectories: [directory])
    let guess = Set(MacroCandidates(header: path, included: IncludedFiles(roots: [directory]), searchPath: options.searchPath).names)
    let questions = records.definitions.questions
    #expect(!questions.isEmpty)
    #expect(Set(questions).subtracting(guess).isEmpty)
    // Among them the macros of `inc/sub.h`: the guess follows `#include` below the roots.
    if file != "undefines.h" { #expect(records.definitions.includedMacros.count >= 3) }
  }

  @Test("The guess for the installed <linux/vfio.h> names every macro its record finds, below /usr/include/linux too")
  func guessCoversInstalledVFIO() throws {
    let path = "/usr/include/linux/vfio.h"
    let (_, records) = try MacroDiscoveryTests.both(path)
    let options = try CompilerOptions(target: try #require(ABITarget.host), includeDirectories: ["/usr/include/linux"])
    let guess = Set(MacroCandidates(header: path, included: IncludedFiles(roots: ["/usr/include/linux"]), searchPath: options.searchPath).names)
    #expect(records.definitions.questions.count > 100)
    #expect(records.definitions.includedMacros.count > 10)
    #expect(Set(records.definitions.questions).subtracting(guess).isEmpty)
  }
}
