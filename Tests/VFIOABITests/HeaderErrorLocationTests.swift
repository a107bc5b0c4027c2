import Foundation
import Testing
@testable import VFIOABI

/// A header that leaves a declaration open fails where the unit including it ends; the error must
/// name the user's header and line, as clang does with the header as its main file.
@Suite("Errors located in the header")
struct HeaderErrorLocationTests {
  static let openEnded = [
    "#define A 1\nstruct x { int a;\n",
    "int f(void) {\n",
    "#define B 2\nstruct s { int a; } __attribute__((\n",
  ]

  @Test("A declaration left open is located in the header", arguments: openEnded, [true, false])
  func openDeclaration(_ text: String, inProcess: Bool) throws {
    try TemporaryDirectory.with("vfio-abi-open") { directory in
      let path = directory.appendingPathComponent("open.h").path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      // The oracle: clang's first error with the header as its main file.
      let clang = try Clang.locate()
      let options = try CompilerOptions(target: try #require(ABITarget.host), includeDirectories: [])
      let direct = try ChildProcess.run([
        ChildProcess.Invocation(arguments: [clang.executable] + options.flags + ["-fsyntax-only", "-x", "c", path])
      ])[0]
      let expected = Clang.firstError(stderr: direct.stderr, status: direct.status)
      #expect(expected.hasPrefix(path + ":"))
      var batch = HeaderBatch(clang: clang, options: options, target: try #require(ABITarget.host))
      batch.inProcess = inProcess
      #expect(throws: ABIError.headerDoesNotCompile(header: path, firstError: expected)) {
        try batch.manifests([.file(path)])[0].get()
      }
    }
  }
}
