import Foundation
import Testing

/// The README's complete program is real code: it compiles against the built module.
@Suite("README")
struct ReadmeProgramTests {
  /// The first Swift block after the "A complete program" heading.
  static func program() throws -> String {
    let readme = try String(contentsOf: SwiftcProbe.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.range(of: "## A complete program"), "no complete program in the README")
    let rest = readme[section.upperBound...]
    let start = try #require(rest.range(of: "```swift\n"))
    let end = try #require(rest[start.upperBound...].range(of: "```"))
    return String(rest[start.upperBound..<end.lowerBound])
  }

  @Test func completeProgramCompiles() throws {
    let outcome = try SwiftcProbe.typecheck(try Self.program(), fileName: "main.swift")
    #expect(outcome.status == 0, "\(outcome.diagnostics)")
  }
}
