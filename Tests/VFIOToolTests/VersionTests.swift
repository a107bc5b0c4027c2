import Foundation
import Testing
@testable import VFIOTool

@Suite("vfio --version")
struct VersionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test("The version is CHANGELOG.md's newest entry, and --version prints it")
  func versionIsTheChangelogs() throws {
    let changelog = try String(contentsOf: Self.root.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
    let newest = try #require(changelog.split(separator: "\n").first { $0.hasPrefix("## ") })
    #expect(newest.dropFirst(3).hasPrefix(packageVersion + " "), "CHANGELOG's newest entry: \(newest)")
    #expect(VFIOCommand.configuration.version == packageVersion)
  }
}
