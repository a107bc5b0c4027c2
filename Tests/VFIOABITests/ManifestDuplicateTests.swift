import Foundation
import Testing
import VFIOABI

/// A manifest with a key twice, or a declaration listed twice, is refused: the decoder would keep one
/// of the two silently, and the diff judge only one.
@Suite("Manifest duplicates")
struct ManifestDuplicateTests {
  /// A committed baseline as its JSON object: a real manifest with records, enum constants and macros.
  static func baseline() throws -> [String: Any] {
    let manifest = try Fixture.baseline().manifest
    return try #require(try JSONSerialization.jsonObject(with: manifest.jsonData()) as? [String: Any])
  }

  static func reason(_ json: Data) -> String? {
    do {
      _ = try ABIManifest(json: json, source: "twice.json")
      return nil
    } catch {
      guard case .corruptManifest(let path, let reason) = error, path == "twice.json" else { return "\(error)" }
      return reason
    }
  }

  @Test("A committed baseline as it is reads back")
  func baselineReads() throws {
    #expect(Self.reason(try JSONSerialization.data(withJSONObject: try Self.baseline())) == nil)
  }

  @Test("A declaration listed twice is refused, naming the list and the name", arguments: ["records", "enumConstants", "macros"])
  func listedTwice(_ list: String) throws {
    var document = try Self.baseline()
    var items = try #require(document[list] as? [[String: Any]])
    try #require(!items.isEmpty)
    let name = try #require(items[0]["name"] as? String)
    items.append(items[0])
    document[list] = items
    let reason = try #require(Self.reason(try JSONSerialization.data(withJSONObject: document)))
    #expect(reason.hasPrefix("\(list)[\(items.count - 1)]: ") && reason.contains(name) && reason.hasSuffix("listed twice"))
  }

  @Test("A key twice is refused, at the top and in a record's field", arguments: [
    ("{", "{\"target\": \"powerpc64le-linux-gnu\", ", "key 'target' twice"),
    ("\"fields\" : [\n        {", "\"fields\" : [\n        {\"offset\": 4096, ", "records[0].fields[0]: key 'offset' twice"),
  ])
  func keyTwice(_ anchor: String, _ replacement: String, _ expected: String) throws {
    let text = String(decoding: try Fixture.baseline().manifest.jsonData(), as: UTF8.self)
    let range = try #require(text.range(of: anchor))
    let edited = text.replacingCharacters(in: range, with: replacement)
    #expect(Self.reason(Data(edited.utf8)) == expected)
  }
}
