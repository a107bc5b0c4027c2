import Foundation
import Testing
@testable import VFIOTool

/// The README a new user reads first: short, asking for the version the package is, and linking only to
/// files that exist; CONTRIBUTING.md's links too.
@Suite("README and CONTRIBUTING")
struct ReadmeTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func text(_ file: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
  }

  @Test("The README is at most 250 lines")
  func readmeIsShort() throws {
    let lines = try Self.text("README.md").split(separator: "\n", omittingEmptySubsequences: false)
    // A final newline ends the last line; it does not start another.
    let count = lines.last == "" ? lines.count - 1 : lines.count
    #expect(count <= 250, "README.md has \(count) lines")
  }

  @Test("The README's Package.swift asks for the newest version of CHANGELOG.md, the one vfio --version prints")
  func readmeAsksForTheNewestVersion() throws {
    let readme = try Self.text("README.md")
    // The block after the manifest marker, up to its closing fence.
    let marker = try #require(readme.range(of: "<!-- sample: manifest -->\n```swift\n"))
    let manifest = try #require(readme[marker.upperBound...].components(separatedBy: "\n```").first)
    let versions = manifest.matches(of: /from: "([0-9]+\.[0-9]+\.[0-9]+)"/).map { String($0.output.1) }
    let changelog = try Self.text("CHANGELOG.md")
    let newest = try #require(changelog.firstMatch(of: /\n## ([0-9]+\.[0-9]+\.[0-9]+)[ \n]/)).output.1
    #expect(!versions.isEmpty, "the README's Package.swift names no version:\n\(manifest)")
    #expect(versions.allSatisfy { $0 == newest }, "README asks for \(versions), CHANGELOG.md's newest entry is \(newest)")
    #expect(versions.allSatisfy { $0 == packageVersion }, "README asks for \(versions), PackageVersion.swift says \(packageVersion)")
  }

  @Test("Every relative link resolves to a file of the repository", arguments: ["README.md", "CONTRIBUTING.md"])
  func relativeLinksResolve(_ document: String) throws {
    let links = MarkdownLinks.relative(in: try Self.text(document))
    // README links to the articles and CONTRIBUTING back to the README: a parser that finds none is broken.
    #expect(!links.isEmpty, "\(document): no relative link found")
    let directory = Self.root.appendingPathComponent(document).deletingLastPathComponent()
    for link in links {
      let path = directory.appendingPathComponent(link).standardizedFileURL.path
      #expect(path.hasPrefix(Self.root.standardizedFileURL.path + "/"), "\(document): \(link) leaves the repository")
      #expect(FileManager.default.fileExists(atPath: path), "\(document): \(link) is no file of the repository")
    }
  }

  @Test("Links are found in text, not in code, and anchors and URLs are left out")
  func linkExtraction() {
    let text = """
      See [the guide](Docs/Guide.md#start), [a site](https://example.org/x.md), [top](#top),
      [mail](mailto:a@b.c) and `[not](Code.md)`.

      ```swift
      let a = [b](c)
      ```
      [last](CONTRIBUTING.md)
      """
    #expect(MarkdownLinks.relative(in: text) == ["Docs/Guide.md", "CONTRIBUTING.md"])
  }
}

/// The relative link targets of a Markdown text: `[text](target)` outside fenced blocks and code spans,
/// without a URL scheme, an anchor of its own page or the anchor part.
enum MarkdownLinks {
  static func relative(in text: String) -> [String] {
    var inFence = false
    var prose: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
        inFence.toggle()
      } else if !inFence {
        prose.append(line)
      }
    }
    let withoutCode = prose.joined(separator: "\n").replacing(/`[^`\n]*`/, with: "")
    return withoutCode.matches(of: /\[[^\]]*\]\(([^)\s]+)\)/).compactMap { match in
      let target = String(match.output.1)
      guard !target.hasPrefix("#"), target.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.-]*:/) == nil else { return nil }
      return target.split(separator: "#", maxSplits: 1).first.map(String.init)
    }
  }
}
