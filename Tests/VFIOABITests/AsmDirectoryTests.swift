import Foundation
import Testing
@testable import VFIOABI

/// The `asm/` on the include path must be the target's: another architecture's compiles silently and
/// gives wrong request numbers and `__BITS_PER_LONG`.
@Suite("asm/ directory")
struct AsmDirectoryTests {
  /// A copy of `asm`, at `<temporary>/<name>/asm`, for `body` to put on the include path.
  static func withCopy<T>(of asm: String, named name: String, _ body: (String) throws -> T) throws -> T {
    return try TemporaryDirectory.with("vfio-abi-asm") { base in
      let include = base.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: include, withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: asm, toPath: include.appendingPathComponent("asm").path)
      return try body(include.path)
    }
  }

  static let hostAsm = "/usr/include/\(ABITarget.x86_64.debianTriple)/asm"

  /// x86's asm/ serves x86_64 and i386 (it tests `__x86_64__`); every other target has its own.
  @Test("x86's asm/ in a directory that names no triple is taken for x86 and refused for every other target", arguments: ABITarget.known)
  func hostAsmForEachTarget(_ target: ABITarget) throws {
    guard ABITarget.host == .x86_64, FileManager.default.fileExists(atPath: Self.hostAsm + "/ioctl.h") else {
      print("skipped: needs an x86_64 machine with its asm/ in \(Self.hostAsm)")
      return
    }
    let header = try Fixture.path("targets", "counted.h")
    try Self.withCopy(of: Self.hostAsm, named: "include") { include in
      if target == .x86_64 || target == .i386 {
        #expect(try ABIManifest.dump(header: .file(header), target: target, includeDirectories: [include]).target == target.triple)
      } else {
        do {
          _ = try ABIManifest.dump(header: .file(header), target: target, includeDirectories: [include])
          Issue.record("x86's asm/ was taken for \(target)")
        } catch ABIError.asmForAnotherTarget(let directory, let name, let reason) {
          #expect(directory == include + "/asm" && name == target.name)
          #expect(reason.contains("__BITS_PER_LONG"))
          #expect(reason.contains("_IOC_NONE") == (target == .powerpc64le))
        }
      }
    }
  }

  @Test("An asm/ in a directory named for another triple is refused by its name")
  func namedForAnotherTriple() throws {
    guard FileManager.default.fileExists(atPath: Self.hostAsm + "/ioctl.h"), let host = ABITarget.host else {
      print("skipped: no asm/ in \(Self.hostAsm)")
      return
    }
    let other = try #require(ABITarget.known.first { $0 != host && $0 != .i386 && $0 != .x86_64 })
    let header = try Fixture.path("targets", "counted.h")
    _ = try Self.withCopy(of: Self.hostAsm, named: other.debianTriple) { include in
      #expect(
        throws: ABIError.asmForAnotherTarget(
          directory: include + "/asm", target: host.name, reason: "the directory is \(other.debianTriple)'s")
      ) {
        try ABIManifest.dump(header: .file(header), target: host, includeDirectories: [include])
      }
    }
  }

  /// The expected encoding and widths agree with each architecture's own headers, as clang reads them.
  @Test("Each target's own asm/, copied where its path names no triple, agrees with the target", arguments: ABITarget.known)
  func ownAsmAgrees(_ target: ABITarget) throws {
    let own = target == ABITarget.host ? "/usr/include/\(target.debianTriple)/asm" : "/usr/\(target.debianTriple)/include/asm"
    guard FileManager.default.fileExists(atPath: own + "/ioctl.h") else {
      print("skipped \(target): apt-get install \(target.crossPackage)")
      return
    }
    try Self.withCopy(of: own, named: "include") { include in
      let options = try CompilerOptions(target: target, includeDirectories: [include])
      #expect(try AsmDirectory.mismatches(flags: options.flags, target: target, clang: try Clang.locate()) == [])
    }
  }
}
