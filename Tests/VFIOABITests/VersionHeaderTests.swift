import Foundation
import Testing
@testable import VFIOABI

/// `vfio abi check` reads `LINUX_VERSION_CODE` from `<linux/version.h>`'s text when the text alone
/// decides it (``VersionHeader``), and leaves it to clang otherwise: what it reads is what clang's dump
/// of the same file gives (the oracle), and what it leaves is left.
@Suite("LINUX_VERSION_CODE from the version header's text")
struct VersionHeaderTests {
  /// `LINUX_VERSION_CODE` as clang's dump of `text`, as `linux/version.h`, gives it; nil when undefined.
  static func clangCode(_ text: String) throws -> Int? {
    return try TemporaryDirectory.with("vfio-version") { directory in
      try FileManager.default.createDirectory(at: directory.appendingPathComponent("linux"), withIntermediateDirectories: true)
      let path = directory.appendingPathComponent("linux/version.h").path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      let manifest = try ABIManifest.dump(header: .file(path))
      return manifest.macros.first { $0.name == "LINUX_VERSION_CODE" }.flatMap { Int($0.value) }
    }
  }

  @Test("Every version header at hand is read from its text, as clang reads it")
  func installedHeaders() throws {
    let trees = (try? FileManager.default.contentsOfDirectory(atPath: ".build-debian")) ?? []
    let candidates = ["/usr/include/linux/version.h"] + trees.flatMap { suite in
      ((try? FileManager.default.contentsOfDirectory(atPath: ".build-debian/\(suite)")) ?? [])
        .map { ".build-debian/\(suite)/\($0)/usr/include/linux/version.h" }
    }
    let paths = candidates.filter { FileManager.default.fileExists(atPath: $0) }
    try #require(!paths.isEmpty)
    for path in paths {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let code = VersionHeader.code(atPath: path)
      #expect(code != nil, "\(path)")
      #expect(code == (try Self.clangCode(text)), "\(path)")
    }
  }

  @Test(
    "Text that leaves the value to clang is left to it; plain text is read as clang reads it",
    arguments: [
      ("#define LINUX_VERSION_CODE 393472\n#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))\n", true),
      ("  #  define\tLINUX_VERSION_CODE   459277  \n\n#define LINUX_VERSION_MAJOR 7\n", true),
      ("#define LINUX_VERSION_CODE 0x60100\n", false),
      ("#define LINUX_VERSION_CODE 0600\n", false),
      ("#define LINUX_VERSION_CODE 393472u\n", false),
      ("/*\n#define LINUX_VERSION_CODE 393472\n*/\n#define LINUX_VERSION_MAJOR 6\n", false),
      ("#define LINUX_VERSION_CODE 393472 // 6.1\n", false),
      ("#define A /*\n#define LINUX_VERSION_CODE 393472\n#define B */ 1\n", false),
      ("#if 0\n#define LINUX_VERSION_CODE 1\n#endif\n#define LINUX_VERSION_CODE 2\n", false),
      ("#define LINUX_VERSION_CODE 1\n#undef LINUX_VERSION_CODE\n#define LINUX_VERSION_CODE 2\n", false),
      ("#define LINUX_VERSION_CODE \\\n393472\n", false),
      ("#define LINUX_VERSION_CODE(x) 393472\n", false),
      ("#define LINUX_VERSION_CODE\n", false),
      ("#include <linux/types.h>\n#define LINUX_VERSION_CODE 393472\n", false),
      ("int a;\n#define LINUX_VERSION_CODE 393472\n", false),
    ])
  func leftToClang(_ text: String, _ read: Bool) throws {
    let code = VersionHeader.code(in: Array(text.utf8))
    #expect((code != nil) == read)
    if let code { #expect(code == (try Self.clangCode(text))) }
  }

  @Test("A FIFO or a large file named like the version header is not read")
  func specialFiles() throws {
    try TemporaryDirectory.with("vfio-version") { directory in
      let fifo = directory.appendingPathComponent("fifo.h").path
      try #require(mkfifo(fifo, 0o600) == 0)
      #expect(VersionHeader.code(atPath: fifo) == nil)
      let large = directory.appendingPathComponent("large.h").path
      let text = "#define LINUX_VERSION_CODE 393472\n" + String(repeating: "\n", count: VersionHeader.sizeLimit)
      try text.write(toFile: large, atomically: true, encoding: .utf8)
      #expect(VersionHeader.code(atPath: large) == nil)
      let plain = directory.appendingPathComponent("plain.h").path
      try "#define LINUX_VERSION_CODE 393472\n".write(toFile: plain, atomically: true, encoding: .utf8)
      #expect(VersionHeader.code(atPath: plain) == 393472)
    }
  }
}
