import Foundation
import Testing
@testable import VFIOABI

/// Headers on which scripts/fuzz-headers.sh found the engine's two readers disagreeing (Fixtures/
/// differential): libclang in this process and clang processes must give one manifest, and every
/// bit-field an offset.
@Suite("Differential fuzzer findings")
struct DifferentialFindingsTests {
  /// The host's batch through libclang in this process and the same batch through clang processes.
  static func readers() throws -> (inProcess: HeaderBatch, processes: HeaderBatch) {
    let target = try #require(ABITarget.host)
    let inProcess = HeaderBatch(
      clang: try Clang.locate(), options: try CompilerOptions(target: target, includeDirectories: []), target: target)
    var processes = inProcess
    processes.inProcess = false
    return (inProcess, processes)
  }

  @Test(
    "Both readers give the same manifest for a header they once disagreed on",
    arguments: ["typedef-anonymous-bitfields.h", "generated-1-142.h"])
  func readersAgree(_ file: String) throws {
    let (inProcess, processes) = try Self.readers()
    let header = ABIHeader.file(try Fixture.path("differential", file))
    let library = try inProcess.manifests([header])[0].get()
    let process = try processes.manifests([header])[0].get()
    #expect(library == process)
    let bitFields = process.records.flatMap(\.fields).filter { $0.bitWidth != nil }
    #expect(!bitFields.isEmpty && bitFields.allSatisfy { $0.bitOffset != nil })
  }

  @Test("Untagged records' anonymous members: bit offsets as clang's record layout dump gives them, from both readers")
  func typedefAnonymousOffsets() throws {
    // Offsets in bits within the typedef'd record, from `clang -Xclang -fdump-record-layouts` of the
    // fixture: t2's y at 4:0-3, a and b at 8:0 (the union aligned after y); t3's u at 0:0-2, v at 0:3-11.
    let (inProcess, processes) = try Self.readers()
    let header = ABIHeader.file(try Fixture.path("differential", "typedef-anonymous-bitfields.h"))
    for reader in [inProcess, processes] {
      let manifest = try reader.manifests([header])[0].get()
      func bits(_ record: String, _ field: String) -> Int? {
        guard let field = manifest.records.first(where: { $0.name == record })?.fields.first(where: { $0.name == field }),
          let bitOffset = field.bitOffset
        else { return nil }
        return field.offset * 8 + bitOffset
      }
      #expect(bits("t2", "y") == 32, "in process: \(reader.inProcess)")
      #expect(bits("t2", "a") == 64, "in process: \(reader.inProcess)")
      #expect(bits("t2", "b") == 64, "in process: \(reader.inProcess)")
      #expect(bits("t3", "u") == 0, "in process: \(reader.inProcess)")
      #expect(bits("t3", "v") == 3, "in process: \(reader.inProcess)")
    }
  }

  @Test(
    "A header that does not compile gives clang's first error from both readers: warnings clang makes errors by default, suggestions for a typo",
    arguments: [
      ("implicit-int.h", "[-Wimplicit-int]"), ("int-conversion.h", "[-Wincompatible-function-pointer-types]"),
      ("mutated-1-24000.h", "[-Wimplicit-int]"), ("typo.h", "unknown type name 'unio'; did you mean 'union'?"),
    ])
  func defaultErrors(_ file: String, firstWarning: String) throws {
    // The expected first errors are those of `clang -fsyntax-only -w FILE`.
    let (inProcess, processes) = try Self.readers()
    let header = ABIHeader.file(try Fixture.path("differential", file))
    let library = inProcess.manifests([header])[0]
    let process = processes.manifests([header])[0]
    #expect(library == process)
    for result in [library, process] {
      guard case .failure(.headerDoesNotCompile(_, let firstError)) = result else {
        Issue.record("\(file) compiled: \(result)")
        continue
      }
      #expect(firstError.hasSuffix(firstWarning), "\(firstError)")
    }
  }

  @Test(
    "An error is located as clang prints it: where the header expands a macro, under a #line directive's name",
    arguments: [("mutated-1-211200.h", nil), ("mutated-103-1600.h", nil), ("line-directive.h", "elsewhere.h:51:")])
  func errorLocation(_ file: String, namedAs presumed: String?) throws {
    // The oracle: clang's first error with the fixture as its main file.
    let (inProcess, processes) = try Self.readers()
    let path = try Fixture.path("differential", file)
    let direct = try ChildProcess.run([
      ChildProcess.Invocation(arguments: [processes.clang.executable] + processes.options.flags + ["-fsyntax-only", "-x", "c", path])
    ])[0]
    let expected = Clang.firstError(stderr: direct.stderr, status: direct.status)
    #expect(expected.hasPrefix(presumed ?? path + ":"), "\(expected)")
    for reader in [inProcess, processes] {
      #expect(throws: ABIError.headerDoesNotCompile(header: path, firstError: expected), "in process: \(reader.inProcess)") {
        try reader.manifests([.file(path)])[0].get()
      }
    }
  }
}
