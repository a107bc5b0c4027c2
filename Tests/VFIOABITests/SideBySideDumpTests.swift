import Glibc
import Testing
@testable import VFIOABI

/// `vfio abi check` loads libclang on one thread while it parses its arguments, then dumps the header
/// and `<linux/version.h>` on two more: the same answers as one step after another. ThreadSanitizer
/// runs this suite (scripts/test.sh).
@Suite("Dumps side by side and beside libclang's load")
struct SideBySideDumpTests {
  @Test("dumpWithGeneration under preloadingClang gives what a dump and installedGeneration give in turn")
  func sameAsInTurn() throws {
    let header = ABIHeader.installed("linux/vfio.h")
    let (manifest, generation) = try ABIManifest.preloadingClang { () throws(ABIError) in
      try ABIBaseline.dumpWithGeneration(header: header)
    }
    #expect(manifest == (try ABIManifest.dump(header: header)))
    let installed = try #require(try ABIBaseline.installedGeneration())
    #expect(generation == installed)
  }

  @Test("A header missing beside an installed version header fails as it does alone")
  func missingHeader() throws {
    let missing = ABIHeader.file("/nonexistent/vfio-abi-side-by-side.h")
    let together = #expect(throws: ABIError.self) { try ABIBaseline.dumpWithGeneration(header: missing) }
    let alone = #expect(throws: ABIError.self) { try ABIManifest.dump(header: missing) }
    #expect(together.map { "\($0)" } == alone.map { "\($0)" })
  }

  @Test("Units handed to clang are memfds: nothing is created in the temporary directory")
  func unnamedFilesAreMemfds() throws {
    let descriptor = try UnnamedFile.create()
    defer { close(descriptor) }
    var target = [UInt8](repeating: 0, count: 256)
    let length = target.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { readlink("/proc/self/fd/\(descriptor)", $0.baseAddress!, $0.count) }
    }
    try #require(length > 0)
    #expect(String(decoding: target[..<length], as: UTF8.self).hasPrefix("/memfd:vfio-abi"))
  }
}
