/// What `JSONDecoder` lets through in a manifest: an object with a key twice (one of the two values is
/// silently dropped) and a declaration listed twice (the diff would judge only one), either of which
/// makes a hand-edited or corrupted baseline say something else than it appears to.
enum ManifestDuplicates {
  /// Manifests nest a few levels; anything deeper is not one.
  static let depthLimit = 64

  /// The first duplicate in `json`, described with where it is (`records[2]: key 'size' twice`), or
  /// nil when there is none. JSON that does not parse is left to the decoder to describe.
  static func first(in json: [UInt8]) -> String? {
    guard let values = try? JSONParser.values(json, depthLimit: depthLimit, tooDeep: .unsupportedHeader("")),
      values.count == 1
    else { return nil }
    if let key = duplicateKey(values[0], at: "") { return key }
    let lists: [(key: String, identity: (JSONValue) -> String?)] = [
      ("records", { record in
        guard let name = record["name"]?.string else { return nil }
        // A tagless record a typedef names lives beside the tags: `typedef struct {…} s;` and `struct s`.
        return record["namedByTypedef"]?.bool == true ? name : "\(record["kind"]?.string ?? "record") \(name)"
      }),
      ("enumConstants", { $0["name"]?.string }),
      ("macros", { $0["name"]?.string }),
    ]
    for (key, identity) in lists {
      var seen = Set<String>()
      for (index, item) in (values[0][key]?.array ?? []).enumerated() {
        guard let name = identity(item) else { continue }
        if !seen.insert(name).inserted { return "\(key)[\(index)]: \(name) listed twice" }
      }
    }
    return nil
  }

  private static func duplicateKey(_ value: JSONValue, at path: String) -> String? {
    switch value {
    case .object(let members):
      var keys = Set<String>()
      for member in members where !keys.insert(member.key).inserted {
        return "\(path.isEmpty ? "" : path + ": ")key '\(member.key)' twice"
      }
      for member in members {
        if let found = duplicateKey(member.value, at: path + (path.isEmpty ? "" : ".") + member.key) { return found }
      }
    case .array(let items):
      for (index, item) in items.enumerated() {
        if let found = duplicateKey(item, at: path + "[\(index)]") { return found }
      }
    default:
      break
    }
    return nil
  }
}
