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

  @Test("The README's Package.swift asks for this version")
  func readmeSnippetAsksForThisVersion() throws {
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    // The block after the manifest marker, up to its closing fence.
    let marker = try #require(readme.range(of: "<!-- sample: manifest -->\n```swift\n"))
    let manifest = try #require(readme[marker.upperBound...].components(separatedBy: "\n```").first)
    let versions = manifest.matches(of: /from: "([0-9]+\.[0-9]+\.[0-9]+)"/).map { String($0.output.1) }
    #expect(!versions.isEmpty, "the README's Package.swift names no version:\n\(manifest)")
    #expect(versions.allSatisfy { $0 == packageVersion }, "README asks for \(versions), the package is \(packageVersion)")
  }
}
