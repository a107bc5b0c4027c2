import Foundation
import Testing
import VFIOABI

@Suite("Tree mode")
struct TreeTests {
  static func trees() throws -> (old: ABITree, new: ABITree) {
    let old = URL(fileURLWithPath: try Fixture.path("trees/old/linux", "same.h")).deletingLastPathComponent()
      .deletingLastPathComponent()
    let new = URL(fileURLWithPath: try Fixture.path("trees/new/linux", "same.h")).deletingLastPathComponent()
      .deletingLastPathComponent()
    return (ABITree(root: old.path), ABITree(root: new.path))
  }

  @Test("Each header of either tree gets one outcome, and the summary counts them")
  func outcomes() throws {
    let (old, new) = try Self.trees()
    let diff = try ABITreeDiff(old: old, new: new, workers: 2)
    let status = TreeCoverageTests.status(diff)
    #expect(
      status == [
        "linux/added.h": "added", "linux/breaks.h": "breaking", "linux/broken.h": "not standalone (both)",
        "linux/gone.h": "removed", "linux/neighbour.h": "unchanged", "linux/same.h": "unchanged",
      ])
    #expect(diff.isBreaking)
    #expect(
      ABITreeReport(diff).summaryLine
        == "6 headers checked: 3 compatible, 2 breaking, 1 not standalone (1 new, 1 removed)")
  }

  @Test("The JSON report names every header's status")
  func json() throws {
    let (old, new) = try Self.trees()
    let report = ABITreeReport(try ABITreeDiff(old: old, new: new, workers: 1))
    let document = try #require(try JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
    #expect(document["verdict"] as? String == "breaking")
    let headers = try #require(document["headers"] as? [[String: Any]])
    #expect(headers.count == 6)
    let broken = try #require(headers.first { $0["header"] as? String == "linux/broken.h" })
    #expect(broken["status"] as? String == "notStandalone")
    #expect((broken["error"] as? String)?.contains("size_t") == true)
  }

  @Test("A missing root cannot be checked")
  func missingRoot() throws {
    let (old, _) = try Self.trees()
    #expect(throws: ABIError.unreadableFile("/nonexistent/include")) {
      try ABITreeDiff(old: old, new: ABITree(root: "/nonexistent/include"))
    }
  }
}
