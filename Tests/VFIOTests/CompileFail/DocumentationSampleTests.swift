import Foundation
import Testing

/// A Swift sample of the README or of a DocC article: every ```` ```swift ```` block is a whole
/// program, type-checked as `main.swift` against the built modules with warnings as errors.
/// A block right after the line `<!-- sample: manifest -->` is a `Package.swift`, type-checked
/// against the toolchain's PackageDescription. There is no other kind: fragments do not exist.
struct DocumentationSample: CustomTestStringConvertible, Sendable {
  enum Kind: Sendable { case program, manifest }

  /// The file, relative to the package root.
  let file: String
  /// The 1-based line of the opening fence.
  let line: Int
  let kind: Kind
  let source: String

  var testDescription: String { "\(file):\(line)" }

  /// The documents whose samples are compiled: the README, CONTRIBUTING.md and every article of every catalog.
  static var documents: [String] {
    let sources = SwiftcProbe.packageRoot.appendingPathComponent("Sources")
    let catalogs = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
    let articles = catalogs.sorted().flatMap { target in
      let catalog = "Sources/\(target)/\(target).docc"
      let names = (try? FileManager.default.contentsOfDirectory(atPath: sources.appendingPathComponent("\(target)/\(target).docc").path)) ?? []
      return names.filter { $0.hasSuffix(".md") }.sorted().map { "\(catalog)/\($0)" }
    }
    return ["README.md", "CONTRIBUTING.md"] + articles
  }

  static let all: [DocumentationSample] = documents.flatMap { file in
    let text = (try? String(contentsOf: SwiftcProbe.packageRoot.appendingPathComponent(file), encoding: .utf8)) ?? ""
    return samples(in: text, file: file)
  }

  /// The Swift blocks of `text`; an unterminated block runs to the end, so it still fails to compile.
  static func samples(in text: String, file: String) -> [DocumentationSample] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var samples: [DocumentationSample] = []
    var index = 0
    while index < lines.count {
      guard lines[index].trimmingCharacters(in: .whitespaces) == "```swift" else {
        index += 1
        continue
      }
      let previous = lines[..<index].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      let kind: Kind = previous?.trimmingCharacters(in: .whitespaces) == "<!-- sample: manifest -->" ? .manifest : .program
      let body = lines[(index + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("```") }
      samples.append(DocumentationSample(file: file, line: index + 1, kind: kind, source: body.joined(separator: "\n") + "\n"))
      index += body.count + 2
    }
    return samples
  }
}

/// Every Swift sample of the README and the articles compiles, so none of them can rot.
@Suite("Documentation samples")
struct DocumentationSampleTests {
  @Test("compiles", arguments: DocumentationSample.all)
  func compiles(_ sample: DocumentationSample) throws {
    let outcome =
      switch sample.kind {
      case .program: try SwiftcProbe.typecheck(sample.source, fileName: "main.swift")
      case .manifest: try SwiftcProbe.typecheckManifest(sample.source)
      }
    #expect(outcome.status == 0, "\(sample.file):\(sample.line): the sample does not compile\n\(outcome.diagnostics)")
  }

  @Test("the README and every catalog have samples, the README's Package.swift among them")
  func samplesAreFound() {
    let files = Set(DocumentationSample.all.map(\.file))
    #expect(files.contains("README.md"))
    #expect(files.contains { $0.hasPrefix("Sources/VFIO/VFIO.docc/") })
    #expect(files.contains { $0.hasPrefix("Sources/VFIOABI/VFIOABI.docc/") })
    #expect(DocumentationSample.all.contains { $0.file == "README.md" && $0.kind == .manifest })
  }

  @Test("a block after a manifest marker is a manifest; a block without a closing fence is still a sample")
  func extraction() {
    let text = "# T\n\n<!-- sample: manifest -->\n```swift\nlet a = 1\n```\n\n```swift\nprint(1)"
    let samples = DocumentationSample.samples(in: text, file: "T.md")
    #expect(samples.map(\.line) == [4, 8])
    #expect(samples.map(\.kind) == [.manifest, .program])
    #expect(samples.map(\.source) == ["let a = 1\n", "print(1)\n"])
  }
}
