import Foundation
import Testing
@testable import VFIOABI

/// libclang's units are kept and parsed again (``IdleUnits``): a parse must still see only its own
/// source and the files as they are on disk now.
@Suite("Reused libclang units")
struct UnitReuseTests {
  @Test("A header's include rewritten in place between two dumps is read anew, same length and all")
  func rewrittenIncludeIsRead() throws {
    try TemporaryDirectory.with("vfio-abi-reuse") { root in
      let linux = root.appendingPathComponent("linux")
      try FileManager.default.createDirectory(at: linux, withIntermediateDirectories: true)
      try "#include <linux/inner.h>\nstruct outer { struct inner i; };\n#define OUTER_SIZE sizeof(struct outer)\n"
        .write(to: linux.appendingPathComponent("outer.h"), atomically: true, encoding: .utf8)
      let inner = linux.appendingPathComponent("inner.h").path
      #expect(FileManager.default.createFile(atPath: inner, contents: nil))
      var sizes: [Int] = []
      // `char` and `long` are spelt with as many bytes, so the file keeps its size: only its contents
      // tell the two apart. Written in place (same inode), twice within the same second.
      for type in ["char", "long", "char"] {
        let handle = try #require(FileHandle(forUpdatingAtPath: inner))
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: Data("struct inner { \(type) c; };\n".utf8))
        try handle.close()
        let manifest = try ABIManifest.dump(header: .installed("linux/outer.h"), includeDirectories: [root.path])
        let outer = try #require(manifest.records.first { $0.name == "outer" })
        #expect(manifest.macros.first { $0.name == "OUTER_SIZE" }?.value == String(outer.size))
        sizes.append(outer.size)
      }
      #expect(sizes == [1, MemoryLayout<Int>.size, 1])
    }
  }

  @Test("A unit that fails leaves no error behind for the next parse of the same command line")
  func errorsAreTheParsesOwn() throws {
    let clang = try Clang.locate()
    let library = try #require(LibClang.beside(clang))
    let arguments = ["-fno-color-diagnostics", "-w", "-D", "VFIO_ABI_REUSE_TEST=\(UUID().uuidString.prefix(8))"]
    func errors(_ text: String) throws -> [String] {
      try library.parse(Array(text.utf8), name: InProcessDump.unitName, arguments: arguments, spellChecking: false) {
        $0.errors.map(\.text)
      }
    }
    #expect(try errors("int a;\n").isEmpty)
    #expect(try errors("int b = undeclared_name;\n").count == 1)
    #expect(try errors("int c;\n").isEmpty)
    #expect(try errors("struct s { int x; } v = { 1 };\nint d = v.y;\n").count == 1)
  }

  @Test("Parses under more command lines than the pool holds keep at most its limit of units")
  func poolIsBounded() throws {
    let clang = try Clang.locate()
    let library = try #require(LibClang.beside(clang))
    let tag = UUID().uuidString.prefix(8)
    for index in 0..<(3 * library.idle.limit) {
      let arguments = ["-w", "-D", "VFIO_ABI_POOL_\(tag)=\(index)"]
      let value = try library.parse(Array("int v = VFIO_ABI_POOL_\(tag);\n".utf8), name: InProcessDump.unitName, arguments: arguments, spellChecking: false) {
        $0.errors.isEmpty
      }
      #expect(value)
      #expect(library.idle.count <= library.idle.limit)
    }
  }
}
