import Foundation
import Testing
@testable import VFIOABI

/// Inputs scripts/fuzz.sh found (Fixtures/fuzz, each as the fuzzer read it: the first byte picks the
/// reader) and the neighbours found reading the code they ran through: each once hung or trapped.
@Suite("Fuzzer findings")
struct FuzzRegressionTests {
  /// The fixture's bytes after the reader byte.
  private func input(_ name: String) throws -> [UInt8] {
    let data = try Data(contentsOf: URL(fileURLWithPath: try Fixture.path("fuzz", name)))
    return Array(data.dropFirst())
  }

  @Test("A lone `<` in an IR constant is refused, not scanned forever")
  func loneAngleBracket() throws {
    let bytes = try input("ir-lone-angle-bracket")
    #expect(throws: ABIError.self) { try ProbeAnswers.array(bytes[...], name: "vfio_abi_seed_answers") }
  }

  @Test("A file whose name doubles the slash after its root is named relative to it")
  func doubledSlash() throws {
    let definitions = MacroDefinitions(
      preprocessed: try input("dD-root-double-slash"), headerFile: "fuzz.h",
      included: IncludedFiles(roots: ["/usr/include"]))
    #expect(!definitions.includedMacros.isEmpty)
    for macro in definitions.includedMacros {
      #expect(!macro.file.isEmpty && !macro.file.hasPrefix("/"), "\(macro.name) from \(macro.file)")
    }
    let roots = IncludedFiles(roots: ["/usr/include"])
    #expect(roots.name(of: "/usr/include//linux/types.h") == "linux/types.h")
    #expect(roots.name(of: "/usr/include/") == nil)
  }

  @Test(
    "IR constants whose lengths overflow, allocate without end or nest without end are refused",
    arguments: [
      "<{ [9223372036854775807 x i64], [9223372036854775807 x i64] }> zeroinitializer",
      "<{ [16777216 x i64], [16777216 x i64] }> <{ [16777216 x i64] zeroinitializer, [16777216 x i64] zeroinitializer }>",
      String(repeating: "<{ ", count: 100) + "i64" + String(repeating: " }>", count: 100) + " 1",
    ])
  func boundedIRConstant(_ text: String) {
    var reader = IRConstant(text)
    #expect(throws: ABIError.self) { try reader.elements() }
  }

  @Test(
    "An IR element reads as `Int64(_:)` reads its text",
    arguments: ["0", "-1", "+7", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-", "1x", "0x10"])
  func irNumbers(_ element: String) {
    var reader = IRConstant("[1 x i64] [i64 \(element)]")
    let read = try? reader.elements()
    #expect(read == Int64(element).map { [$0] }, "\(element)")
  }

  @Test("Escaped surrogates are read as Foundation reads them: a pair is one character, a lone one an error")
  func surrogates() throws {
    let texts = [#"["\uD800\u0041"]"#, #"["\uD800"]"#, #"["\uDC00"]"#, #"["\uD83D\uDE00"]"#, #"["\uDBFF\uDFFF\u00e9"]"#]
    for text in texts {
      let parsed = try? JSONParser.values(Array(text.utf8), depthLimit: 4, tooDeep: .unexpectedClangOutput("deep"))
      let expected = try? JSONDecoder().decode([String].self, from: Data(text.utf8))
      #expect(parsed?.first?.array.first?.string == expected?.first, "\(text)")
    }
  }
}
