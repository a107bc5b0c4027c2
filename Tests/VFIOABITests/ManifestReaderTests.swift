import Foundation
import Testing
import VFIOABI

/// The hand-written manifest reader against Foundation's `JSONDecoder`, which read manifests before it
/// and reads them through the types' `Decodable` conformance still.
@Suite("Manifest reader")
struct ManifestReaderTests {
  @Test("Every committed baseline reads as JSONDecoder reads it", arguments: try ABIBaseline.generations())
  func baselines(_ generation: String) throws {
    let manifest = try ABIBaseline.manifest(generation: generation)
    let data = manifest.jsonData()
    #expect(try JSONDecoder().decode(ABIManifest.self, from: data) == manifest)
    #expect(manifest.jsonData() == data)
    #expect(!manifest.records.isEmpty && !manifest.macros.isEmpty && !manifest.enumConstants.isEmpty)
  }

  @Test("Keys in another order, unknown keys and null optionals read as the decoder reads them")
  func reordered() throws {
    let text = """
      {"macros": [], "enumConstants": [{"value": "1", "name": "E_A", "enumName": null}], "target": "x86_64-linux-gnu",
       "unknown": {"nested": [1, 2]}, "header": "h.h", "schemaVersion": 2,
       "records": [{"fields": [{"size": 4, "offset": 0, "canonicalType": "unsigned int", "type": "__u32", "name": "a",
                                "bitWidth": 3, "bitOffset": 0}],
                    "packed": false, "alignment": 4, "size": 4, "kind": "union", "name": "u"}]}
      """
    let data = Data(text.utf8)
    let manifest = try ABIManifest(json: data, source: "m.json")
    #expect(manifest == (try JSONDecoder().decode(ABIManifest.self, from: data)))
    #expect(manifest.records.first?.fields.first?.bitWidth == 3 && manifest.enumConstants.first?.enumName == nil)
  }

  @Test("A missing key, a wrong type or an unknown kind is named with where it is", arguments: [
    (#""size": 4, "kind""#, #""kind""#, "missing key 'size' at .records[0]"),
    (#""offset": 0,"#, #""offset": "0","#, "expected Int at .records[0].fields[0].offset"),
    (#""kind": "union""#, #""kind": "class""#, "cannot read 'class' as a record kind at .records[0].kind"),
    (#""packed": false"#, #""packed": 0"#, "expected Bool at .records[0].packed"),
  ])
  func located(_ anchor: String, _ replacement: String, _ expected: String) throws {
    let text = """
      {"schemaVersion": 2, "header": "h.h", "target": "x86_64-linux-gnu", "enumConstants": [], "macros": [],
       "records": [{"name": "u", "size": 4, "kind": "union", "alignment": 4, "packed": false,
                    "fields": [{"name": "a", "type": "__u32", "canonicalType": "unsigned int", "offset": 0, "size": 4}]}]}
      """
    let range = try #require(text.range(of: anchor))
    #expect(throws: ABIError.corruptManifest(path: "m.json", reason: expected)) {
      try ABIManifest(json: Data(text.replacingCharacters(in: range, with: replacement).utf8), source: "m.json")
    }
    #expect(try ABIManifest(json: Data(text.utf8), source: "m.json").records.count == 1)
  }
}
