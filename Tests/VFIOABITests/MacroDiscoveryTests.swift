import Foundation
import Testing
@testable import VFIOABI

/// libclang's preprocessing record in this process finds the macros `clang -E -dD` prints, spelled the
/// same way (the oracle is the `-E -dD` reader, ``MacroDefinitions/init(preprocessed:headerFile:included:)``).
@Suite("Macros found in this process")
struct MacroDiscoveryTests {
  /// `-E -dD` of a unit including `path`, read as clang processes read it, and the preprocessing record's
  /// reading of the same unit, with the fixture's directory as `-I` (so `inc/sub.h` is an included file).
  static func both(_ path: String) throws -> (oracle: MacroDefinitions, records: MacroRecords) {
    let target = try #require(ABITarget.host)
    let clang = try Clang.locate()
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let options = try CompilerOptions(target: target, includeDirectories: [directory])
    let included = IncludedFiles(roots: [directory])
    let output = try ClangBatch.run([ClangBatch(flags: options.flags + ["-E", "-dD"], units: [HeaderBatch.includeUnit(path)])], clang: clang)[0]
    let preprocessed = try #require(output.preprocessedParts()?.first)
    let oracle = MacroDefinitions(preprocessed: Array(preprocessed), headerFile: path, included: included)
    let library = try #require(LibClang.beside(clang))
    // The probe unit of a dump, asking nothing, parsed as a dump parses it.
    let unit = ProbeUnit().source(asking: [], including: path, marked: false, form: .enumerators, checkingDefined: true)
    let records = try library.parse(
      unit.text, name: InProcessDump.unitName, arguments: ProbeUnit.flags(options.flags), options: MacroRecords.parseOptions,
      spellChecking: false
    ) { parsed in MacroRecords(unit: parsed, headerFile: path, included: included) }
    return (oracle, records)
  }

  @Test(
    "Every macro and its text as -E -dD prints it: blanks, comments and line splices in bodies, #if 0, redefinitions, __LINE__, included files, unbalanced braces",
    arguments: ["spelling.h", "plain.h", "braces.h"])
  func spelledAsPreprocessed(_ file: String) throws {
    let (oracle, records) = try Self.both(try Fixture.path("macro-discovery", file))
    // Neither header undefines a macro, so the record's last definitions are the macros left defined.
    #expect(records.definitions.macros.map { "\($0.name) \($0.definition)" } == oracle.macros.map { "\($0.name) \($0.definition)" })
    #expect(
      records.definitions.includedMacros.map { "\($0.name) \($0.definition) \($0.file)" }
        == oracle.includedMacros.map { "\($0.name) \($0.definition) \($0.file)" })
    #expect(oracle.macros.count > (file == "braces.h" ? 3 : 20) && oracle.includedMacros.count >= 3)
    // A header with a line splice could spell `#undef` with it; one without cannot undefine anything.
    #expect(records.mayUndefine == (file == "spelling.h"))
  }

  @Test("A macro #undef'd after its last definition, by the header or before it, is found undefined by the probe unit, as in -E -dD")
  func undefinedAsPreprocessed() throws {
    let path = try Fixture.path("macro-discovery", "undefines.h")
    let (oracle, records) = try Self.both(path)
    #expect(records.mayUndefine)
    // The record has no #undef: it still lists what -E -dD shows undefined.
    let left = Set(oracle.macros.map(\.name) + oracle.includedMacros.map(\.name))
    let recorded = Set(records.definitions.macros.map(\.name) + records.definitions.includedMacros.map(\.name))
    #expect(recorded.subtracting(left) == ["L", "EN", "SUB_GONE"])
    // The manifests, whose macros the probe unit found still defined, are those of clang processes.
    let target = try #require(ABITarget.host)
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let inProcess = HeaderBatch(clang: try Clang.locate(), options: try CompilerOptions(target: target, includeDirectories: [directory]), target: target)
    var processes = inProcess
    processes.inProcess = false
    for header in ["undefines.h", "spelling.h", "plain.h"] {
      let fixture = ABIHeader.file(try Fixture.path("macro-discovery", header))
      let library = try inProcess.manifests([fixture])[0].get()
      #expect(library == (try processes.manifests([fixture])[0].get()), "\(header)")
      #expect(library.included?.contains { $0.name == "SUB_B" } == true, "\(header)")
    }
    let manifest = try inProcess.manifests([.file(path)])[0].get()
    #expect(manifest.macros.map(\.name).filter { ["L", "EN", "SUB_GONE", "O"].contains($0) } == ["O"])
  }

  @Test("Passing over clang's built-in section reads what reading it does; a built-in that leads to __LINE__ is still read")
  func builtinSectionPassedOver() throws {
    let path = try Fixture.path("macro-discovery", "plain.h")
    let target = try #require(ABITarget.host)
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let options = try CompilerOptions(target: target, includeDirectories: [directory])
    let included = IncludedFiles(roots: [directory])
    let units = [HeaderBatch.includeUnit(path)]
    let output = try ClangBatch.run([ClangBatch(flags: options.flags + ["-E", "-dD"], units: units)], clang: try Clang.locate())[0]
    let text = Array(try #require(output.preprocessedParts()?.first))
    let section = try #require(MacroDefinitions.builtinSection(in: text[...]))
    // A line marker at the section's end keeps it from being passed over, and changes nothing else.
    let read = Array(text[..<section.upperBound]) + Array("# 1 \"<built-in>\" 3\n".utf8) + Array(text[section.upperBound...])
    func macros(_ text: [UInt8]) -> [String] {
      let definitions = MacroDefinitions(preprocessed: text, headerFile: path, included: included)
      return definitions.macros.map { "\($0.name) \($0.definition)" } + definitions.includedMacros.map { "\($0.name) \($0.file)" }
    }
    #expect(macros(text) == macros(read))
    #expect(macros(text).count > 20)
    // A built-in whose body is `__LINE__` makes the header's macro that expands it position-dependent.
    let entered = Array("# 1 \"\(path)\" 1\n".utf8)
    let header = try #require(text[...].firstLine(entered)) + entered.count
    let positional = Array(text[..<section.lowerBound]) + Array("#define VFIO_TEST_BUILTIN_LINE __LINE__\n".utf8)
      + Array(text[section.lowerBound..<header]) + Array("#define VFIO_TEST_OWN VFIO_TEST_BUILTIN_LINE\n".utf8)
      + Array(text[header...])
    let own = MacroDefinitions(preprocessed: positional, headerFile: path, included: included).macros.map(\.name)
    #expect(!own.contains("VFIO_TEST_OWN"))
    let plain = Array(text[..<header]) + Array("#define VFIO_TEST_OWN 1\n".utf8) + Array(text[header...])
    #expect(MacroDefinitions(preprocessed: plain, headerFile: path, included: included).macros.map(\.name).contains("VFIO_TEST_OWN"))
    #expect(own.count == MacroDefinitions(preprocessed: text, headerFile: path, included: included).macros.count)
  }
}
