import Foundation
import Testing
import VFIOABI

@Suite("Inputs that cannot be checked")
struct ErrorTests {
  @Test("A missing header")
  func missingHeader() {
    #expect(throws: ABIError.unreadableFile("/nonexistent/vfio.h")) {
      try ABIManifest.dump(header: .file("/nonexistent/vfio.h"))
    }
  }

  @Test("A header that does not compile reports clang's first error")
  func brokenHeader() throws {
    let path = try Fixture.path("bad", "broken.h")
    do {
      _ = try ABIManifest.dump(header: .file(path))
      Issue.record("a broken header was accepted")
    } catch {
      guard case .headerDoesNotCompile(_, let firstError) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(firstError.contains("broken.h:2:") && firstError.contains("error:"))
    }
  }

  @Test("An unknown target")
  func unknownTarget() {
    #expect(throws: ABIError.unknownTarget("vax")) { try ABITarget(named: "vax") }
  }

  @Test("A corrupt manifest", arguments: ["", "{", "{\"schemaVersion\": 2}", "[1, 2]"])
  func corruptManifest(_ text: String) {
    #expect {
      try ABIManifest(json: Data(text.utf8), source: "bad.json")
    } throws: { error in
      guard let error = error as? ABIError, case .corruptManifest = error else { return false }
      return true
    }
  }

  @Test("A manifest of schema 1, whose canonical types kept typedefs under arrays and pointers")
  func schemaOne() {
    #expect(throws: ABIError.unsupportedSchemaVersion(path: "old.json", version: 1)) {
      try ABIManifest(json: Data("{\"schemaVersion\": 1}".utf8), source: "old.json")
    }
  }

  @Test("A manifest from a future schema")
  func futureSchema() {
    #expect(throws: ABIError.unsupportedSchemaVersion(path: "new.json", version: 99)) {
      try ABIManifest(json: Data("{\"schemaVersion\": 99}".utf8), source: "new.json")
    }
  }
}
