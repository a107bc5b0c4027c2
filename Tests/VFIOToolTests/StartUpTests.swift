import Foundation
import Testing

/// `vfio` must not load Foundation, whose start-up every command paid (see Performance.md's start-up
/// section): an `import Foundation` anywhere in VFIOABI or VFIOTool brings it back.
@Suite("vfio start-up")
struct StartUpTests {
  @Test("The vfio executable links FoundationEssentials, not Foundation")
  func noFoundation() throws {
    let runner = try #require(Bundle.main.executableURL)
    let binary = runner.deletingLastPathComponent().appendingPathComponent("vfio")
    let bytes = [UInt8](try Data(contentsOf: binary))
    // Names of needed libraries sit NUL-terminated in the dynamic string table.
    #expect(bytes.firstRange(of: Array("libFoundationEssentials.so\0".utf8)) != nil)
    for library in ["libFoundation.so", "libFoundationInternationalization.so"] {
      #expect(bytes.firstRange(of: Array((library + "\0").utf8)) == nil, "vfio needs \(library)")
    }
  }
}
