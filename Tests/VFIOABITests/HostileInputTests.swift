import Foundation
import Testing
@testable import VFIOABI

/// Valid C that once gave wrong answers, and inputs that must fail with a reason rather than a trap.
/// Every expected number comes from clang: the independent oracle's names and its `_Static_assert`s.
@Suite("Odd and hostile inputs")
struct HostileInputTests {
  @Test(
    "Names, values and layouts agree with clang",
    arguments: ["nonutf8.h", "undef.h", "nested.h", "types.h", "names.h", "typedef.h", "hidden.h"])
  func agreesWithClang(_ file: String) throws {
    let path = try Fixture.path("hostile", file)
    let clang = try Clang.locate().executable
    let manifest = try ABIManifest.dump(header: .file(path))
    guard case .standalone(let oracle) = try ClangOracle.examine(path, clang: clang, includes: []) else {
      Issue.record("clang rejects \(file)")
      return
    }
    #expect(Set(manifest.records.map(\.name)) == oracle.records)
    #expect(Set(manifest.enumConstants.map(\.name)) == oracle.enumerators)
    for (name, value) in oracle.literalMacros {
      #expect(manifest.macros.first { $0.name == name }?.value == value, "\(name)")
    }
    for macro in manifest.macros { #expect(oracle.definedMacros[macro.name] == macro.definition, "\(macro.name)") }
    let failure = try StaticAssertions.check(manifest, path: path, clang: clang, includes: [])
    #expect(failure == nil, "\(failure ?? "")")
  }

  @Test("A path with a space and a quote, beside the header it includes with \"…\"")
  func quotedPath() throws {
    let neighbour = try Fixture.path("hostile/a dir with space", "neighbour.h")
    let directory = URL(fileURLWithPath: neighbour).deletingLastPathComponent()
    let quoted = directory.appendingPathComponent("it's \"quoted\".h").path
    let manifest = try ABIManifest.dump(header: .file(quoted))
    // The same text under a plain name, beside a copy of its neighbour, is what clang's oracle reads.
    let plain = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-abi-plain-\(getpid())")
    try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: plain) }
    try FileManager.default.copyItem(atPath: quoted, toPath: plain.appendingPathComponent("plain.h").path)
    try FileManager.default.copyItem(atPath: neighbour, toPath: plain.appendingPathComponent("neighbour.h").path)
    let reference = try ABIManifest.dump(header: .file(plain.appendingPathComponent("plain.h").path))
    #expect(!manifest.records.isEmpty)
    #expect(manifest.records == reference.records)
    #expect(manifest.macros == reference.macros)
    let failure = try StaticAssertions.check(
      reference, path: plain.appendingPathComponent("plain.h").path, clang: try Clang.locate().executable, includes: [])
    #expect(failure == nil, "\(failure ?? "")")
  }

  @Test("An installed header under a directory whose name holds a quote and a line break, in one dump and in tree mode")
  func quotedIncludeDirectory() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-abi-include-\(getpid())")
    defer { try? FileManager.default.removeItem(at: base) }
    let text = "#include \"neighbour.h\"\nstruct quoted { int a; struct neighbour n; };\n#define QUOTED_SIZE sizeof(struct quoted)\n"
    var manifests: [ABIManifest] = []
    var roots: [String] = []
    for name in ["plain", "it's \"quoted\"\nand broken"] {
      let linux = base.appendingPathComponent(name).appendingPathComponent("linux")
      try FileManager.default.createDirectory(at: linux, withIntermediateDirectories: true)
      try text.write(to: linux.appendingPathComponent("q.h"), atomically: true, encoding: .utf8)
      try "struct neighbour { long b; };\n".write(
        to: linux.appendingPathComponent("neighbour.h"), atomically: true, encoding: .utf8)
      let root = base.appendingPathComponent(name).path
      roots.append(root)
      manifests.append(try ABIManifest.dump(header: .installed("linux/q.h"), includeDirectories: [root]))
    }
    #expect(manifests[0].records.map(\.name) == ["quoted"])
    #expect(manifests[1].records == manifests[0].records)
    #expect(manifests[1].macros == manifests[0].macros)
    let tree = try ABITreeDiff(old: ABITree(root: roots[0]), new: ABITree(root: roots[1]), workers: 2)
    #expect(tree.summary.headers == 2)
    #expect(tree.summary.compatible == 2, "\(tree.entries.map { "\($0.header): \($0.outcome)" })")
  }

  @Test("200-deep nested anonymous unions are refused with a reason, quickly")
  func deepNesting() throws {
    var text = "struct deep { "
    for level in 0..<200 { text += "union { int u\(level); " }
    text += "int core; " + String(repeating: "}; ", count: 200) + "};\n"
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-abi-deep-\(getpid()).h")
    try text.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let start = ContinuousClock.now
    #expect {
      try ABIManifest.dump(header: .file(file.path))
    } throws: { error in
      guard let error = error as? ABIError, case .unsupportedHeader(let reason) = error else { return false }
      return reason.contains("nested more than \(HeaderDeclarations.nestingLimit) deep")
    }
    #expect(ContinuousClock.now - start < .seconds(10))
  }

  @Test("A manifest with offsets no layout can hold is refused, not trapped on")
  func hugeOffsets() throws {
    let manifest = try ABIManifest.dump(header: .file(try Fixture.path("hostile", "nested.h")))
    let text = String(decoding: manifest.jsonData(), as: UTF8.self)
      .replacingOccurrences(of: "\"offset\" : 4", with: "\"offset\" : 9223372036854775807")
    #expect(text.contains("9223372036854775807"))
    #expect {
      try ABIManifest(json: Data(text.utf8), source: "huge.json")
    } throws: { error in
      guard let error = error as? ABIError, case .corruptManifest(_, let reason) = error else { return false }
      return reason.contains("out of range")
    }
    // Built in code, the same numbers diff without overflowing.
    var huge = manifest
    huge.records[0].fields[0].offset = Int.max
    huge.records[0].fields[0].size = Int.max
    #expect(ABIDiff(old: manifest, new: huge).isBreaking)
    #expect(ABIDiff(old: huge, new: manifest).isBreaking)
  }
}
