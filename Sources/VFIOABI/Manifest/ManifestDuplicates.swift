/// What `JSONDecoder` lets through in a manifest: an object with a key twice (one of the two values is
/// silently dropped) and a declaration listed twice (the diff would judge only one), either of which
/// makes a hand-edited or corrupted baseline say something else than it appears to.
enum ManifestDuplicates {
  /// Manifests nest a few levels; anything deeper is not one.
  static let depthLimit = 64

  /// The first duplicate in `json`, described with where it is (`records[2]: key 'size' twice`), or
  /// nil when there is none.
  static func first(in document: JSONValue) -> String? {
    if let key = duplicateKey(document) { return key }
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
      for (index, item) in (document[key]?.array ?? []).enumerated() {
        guard let name = identity(item) else { continue }
        if !seen.insert(name).inserted { return "\(key)[\(index)]: \(name) listed twice" }
      }
    }
    return nil
  }

  /// The first key given twice, with where it is; the path is spelled only for the duplicate found,
  /// not for every object walked (that cost `vfio abi check` more than parsing the manifest).
  private static func duplicateKey(_ value: JSONValue) -> String? {
    guard let (key, segments) = duplicate(in: value) else { return nil }
    var path = ""
    for segment in segments.reversed() { path += segment.hasPrefix("[") || path.isEmpty ? segment : "." + segment }
    return "\(path.isEmpty ? "" : path + ": ")key '\(key)' twice"
  }

  /// The duplicate key and the path to its object, innermost segment first (`fields`, `[0]`, …).
  private static func duplicate(in value: JSONValue) -> (key: String, path: [String])? {
    switch value {
    case .object(let members):
      // Manifest objects hold a handful of keys: comparing each pair costs less than hashing them.
      if members.count <= 16 {
        for later in members.indices.dropFirst() where members[..<later].contains(where: { $0.key == members[later].key }) {
          return (members[later].key, [])
        }
      } else {
        var keys = Set<String>()
        for member in members where !keys.insert(member.key).inserted { return (member.key, []) }
      }
      for member in members {
        if var found = duplicate(in: member.value) {
          found.path.append(member.key)
          return found
        }
      }
    case .array(let items):
      for (index, item) in items.enumerated() {
        if var found = duplicate(in: item) {
          found.path.append("[\(index)]")
          return found
        }
      }
    default:
      break
    }
    return nil
  }
}
