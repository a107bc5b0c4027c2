import Foundation
import Testing
@testable import VFIOABI

/// The baselines compiled into the library (`ABIBaseline.embedded`) against the committed files that
/// `scripts/make-baselines.sh` writes: a file added or regenerated without its line would go unseen.
@Suite("Embedded baselines")
struct EmbeddedBaselineTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/VFIOABI/Baselines")

  @Test("Every committed baseline file is embedded, and only those")
  func everyFile() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }
    #expect(Set(files) == Set(ABIBaseline.embedded.map { "vfio-\($0.generation).json" }))
    #expect(ABIBaseline.embedded.count == files.count)
  }

  @Test("Each embedded baseline holds its file's bytes", arguments: ABIBaseline.embedded.map(\.generation))
  func sameBytes(_ generation: String) throws {
    let file = try Data(contentsOf: Self.directory.appendingPathComponent("vfio-\(generation).json"))
    let embedded = try #require(ABIBaseline.embedded.first { $0.generation == generation })
    #expect(embedded.json == [UInt8](file))
    #expect(try ABIBaseline.manifest(generation: generation) == ABIManifest(json: file, source: generation))
  }
}
