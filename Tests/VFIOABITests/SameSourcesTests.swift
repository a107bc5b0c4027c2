import Foundation
import Testing
@testable import VFIOABI

/// Tree mode skips preprocessing a header whose every source file is the same in both trees; it must
/// report exactly what preprocessing and comparing its two texts reports.
@Suite("Headers whose source files are the same in both trees")
struct SameSourcesTests {
  private func directives(_ text: String) -> SourceDirectives { SourceDirectives(Array(text.utf8)) }

  @Test("Every #include is found as the preprocessor finds directives, taken or not")
  func includesFound() {
    let found = directives(
      """
      /* a comment */ # /* another */ include <linux/types.h>
      #if 0
      #include "neighbour.h"
      #endif
      #error don't include this
      #  incl\\
      ude <asm/split.h>
      #define TEXT "/* not a comment"
      #include <after/string.h>
      x = 1; #include <not/a/directive.h>
      // #include <commented/out.h>
      /*
      #include <in/comment.h>
      */
      """)
    #expect(found.isPortable)
    #expect(
      found.includes == [
        .init(name: "linux/types.h", quoted: false), .init(name: "neighbour.h", quoted: true),
        .init(name: "asm/split.h", quoted: false), .init(name: "after/string.h", quoted: false),
      ])
  }

  @Test(
    "A source whose text can mean something else elsewhere is not judged by its bytes",
    arguments: [
      "#include_next <linux/types.h>", "#import <linux/types.h>", "#embed \"data.bin\"", "#include HEADER",
      "#include </usr/include/stdio.h>", "#include \"unclosed.h", "#pragma once", "# pragma  once",
      "#define WHERE __FILE__", "#if __has_include(<linux/types.h>)\n#endif", "#define T __TIMESTAMP__",
      "_Pragma(\"once\")", "%:include <linux/types.h>", "??=include <linux/types.h>",
    ])
  func unportable(_ text: String) {
    #expect(!directives(text).isPortable, "\(text)")
  }

  @Test("Other pragmas and directives keep a source portable")
  func portable() {
    #expect(directives("#pragma pack(push, 1)\n#pragma pack(pop)\n#line 7\n#define ONCE 1\n").isPortable)
  }

  /// Two trees, `linux/` holding `files` (old and new text; nil where a tree lacks the file).
  private func trees(
    _ base: URL, _ files: [String: (old: String?, new: String?)]
  ) throws -> [ABITree] {
    try ["old", "new"].map { side in
      for (name, text) in files {
        guard let text = side == "old" ? text.old : text.new else { continue }
        let url = base.appendingPathComponent(side).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
      }
      return ABITree(root: base.appendingPathComponent(side).path)
    }
  }

  private static let fixture: [String: (old: String?, new: String?)] = [
    "linux/base.h": ("struct base { int a; };\n", "struct base { int a; };\n"),
    "linux/grown.h": ("struct grown { int a; };\n", "struct grown { int a; int b; };\n"),
    // Each header below is the same text in both trees.
    "linux/plain.h": ("#include <linux/base.h>\nstruct plain { struct base b; };\n", nil),
    "linux/neighbour.h": ("#include \"base.h\"\nstruct neighbour { struct base b; };\n", nil),
    "linux/uses_grown.h": ("#include <linux/grown.h>\nstruct uses { struct grown g; };\n", nil),
    "linux/broken.h": ("struct broken { size_t n; };\n", nil),
    "linux/stops.h": ("#ifndef NEVER\n#error stops here\n#endif\nstruct stops { int s; };\n", nil),
    "linux/libc.h": ("#include <stddef.h>\nstruct libc { size_t n; };\n", nil),
    "linux/where.h": ("#define WHERE __FILE__\nstruct where { int w; };\n", nil),
    "linux/moved.h": ("#include <asm/moved.h>\nstruct moved { struct asm_moved m; };\n", nil),
    "asm/moved.h": ("struct asm_moved { int m; };\n", "struct asm_moved { int m; };\n"),
  ]

  /// The fixture with each header given once in both trees, and `asm/moved.h` in the new tree's
  /// multiarch directory instead of at its root (both trees have one, so both search the same roots).
  private func fixtureTrees(_ base: URL) throws -> [ABITree] {
    var files = Self.fixture.mapValues { text in (old: text.old, new: text.new ?? text.old) }
    let multiarch = ABITarget.host!.debianTriple + "/asm/"
    files["asm/moved.h"] = (Self.fixture["asm/moved.h"]!.old, nil)
    files[multiarch + "moved.h"] = (nil, Self.fixture["asm/moved.h"]!.old)
    files[multiarch + "other.h"] = ("struct other { int o; };\n", "struct other { int o; };\n")
    return try trees(base, files)
  }

  @Test("Only headers whose every source file is found and read the same on both sides are judged by their bytes")
  func judged() throws {
    try TemporaryDirectory.with("vfio-abi-same-sources") { base in
      let roots = try fixtureTrees(base)
      let target = ABITarget.host!
      var sources = SameSources(old: roots[0].includeDirectories(for: target), new: roots[1].includeDirectories(for: target))
      let same = Self.fixture.keys.filter { $0.hasPrefix("linux/") }.sorted().filter { sources.same($0) }
      // `grown.h` and its includer differ; `libc.h` reaches outside the tree; `where.h` names its
      // file; `moved.h` finds `asm/moved.h` below another root in the new tree.
      #expect(same == ["linux/base.h", "linux/broken.h", "linux/neighbour.h", "linux/plain.h", "linux/stops.h"])
    }
  }

  @Test("Tree mode reports the same whether or not it judges headers by their source files")
  func sameReport() throws {
    try TemporaryDirectory.with("vfio-abi-same-sources-tree") { base in
      let roots = try fixtureTrees(base)
      func report(judgesSources: Bool) throws -> String {
        let diff = try ABITreeDiff(
          old: roots[0], new: roots[1], target: nil, directories: [], workers: 2, inProcess: true, judgesSources: judgesSources)
        return String(decoding: ABITreeReport(diff).json(), as: UTF8.self)
      }
      let judged = try report(judgesSources: true)
      #expect(judged == (try report(judgesSources: false)))
      // The fixture holds each kind of outcome a judged header could have.
      for status in ["\"breaking\"", "\"compatible\"", "\"notStandalone\""] { #expect(judged.contains(status), "\(status)") }
    }
  }
}
