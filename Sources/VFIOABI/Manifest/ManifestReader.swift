/// A manifest read from the JSON value `JSONParser` made of it, by hand: the schema is five kinds of
/// object, and `JSONDecoder`'s generic decoding of a baseline (about 60 KB) cost `vfio abi check` more
/// instructions than parsing the header it checks. What it accepts is what the decoder accepted: keys
/// in any order, unknown keys ignored, an optional key absent or `null`, integers as JSON numbers.
struct ManifestReader {
  /// What is wrong and where (`missing key 'size' at .records[2]`).
  struct Failure: Error {
    var reason: String
  }

  static func schemaVersion(_ document: JSONValue) throws(Failure) -> Int {
    try int(required(document, "schemaVersion", at: ""), at: ".schemaVersion")
  }

  static func manifest(_ document: JSONValue) throws(Failure) -> ABIManifest {
    guard case .object = document else { throw Failure(reason: "expected ABIManifest") }
    var manifest = ABIManifest(
      header: try string(required(document, "header", at: ""), at: ".header"),
      target: try string(required(document, "target", at: ""), at: ".target"),
      records: try list(document, "records", at: "", record),
      enumConstants: try list(document, "enumConstants", at: "", enumConstant),
      macros: try list(document, "macros", at: "", macro),
      included: try optional(document, "included", at: "") { value, path throws(Failure) in
        try items(value, at: path, included)
      })
    manifest.schemaVersion = try schemaVersion(document)
    return manifest
  }

  private static func record(_ value: JSONValue, at path: String) throws(Failure) -> ABIRecord {
    let kind = try required(value, "kind", at: path, string)
    guard let recordKind = ABIRecord.Kind(rawValue: kind) else {
      throw Failure(reason: "cannot read '\(kind)' as a record kind at \(path).kind")
    }
    return ABIRecord(
      name: try required(value, "name", at: path, string), kind: recordKind,
      size: try required(value, "size", at: path, int),
      alignment: try required(value, "alignment", at: path, int),
      packed: try required(value, "packed", at: path, bool),
      fields: try list(value, "fields", at: path, field),
      namedByTypedef: try optional(value, "namedByTypedef", at: path, bool))
  }

  private static func field(_ value: JSONValue, at path: String) throws(Failure) -> ABIField {
    ABIField(
      name: try required(value, "name", at: path, string),
      type: try required(value, "type", at: path, string),
      canonicalType: try required(value, "canonicalType", at: path, string),
      offset: try required(value, "offset", at: path, int),
      size: try required(value, "size", at: path, int),
      bitOffset: try optional(value, "bitOffset", at: path, int),
      bitWidth: try optional(value, "bitWidth", at: path, int))
  }

  private static func enumConstant(_ value: JSONValue, at path: String) throws(Failure) -> ABIEnumConstant {
    ABIEnumConstant(
      name: try required(value, "name", at: path, string),
      enumName: try optional(value, "enumName", at: path, string),
      value: try required(value, "value", at: path, string))
  }

  private static func macro(_ value: JSONValue, at path: String) throws(Failure) -> ABIMacro {
    ABIMacro(
      name: try required(value, "name", at: path, string),
      definition: try required(value, "definition", at: path, string),
      value: try required(value, "value", at: path, string))
  }

  private static func included(_ value: JSONValue, at path: String) throws(Failure) -> ABIIncludedDeclaration {
    let kind = try required(value, "kind", at: path, string)
    guard let declarationKind = ABIIncludedDeclaration.Kind(rawValue: kind) else {
      throw Failure(reason: "cannot read '\(kind)' as a declaration kind at \(path).kind")
    }
    return ABIIncludedDeclaration(
      kind: declarationKind, name: try required(value, "name", at: path, string),
      file: try required(value, "file", at: path, string),
      value: try optional(value, "value", at: path, string))
  }

  // MARK: Values

  private static func required(_ object: JSONValue, _ key: String, at path: String) throws(Failure) -> JSONValue {
    guard case .object = object else { throw Failure(reason: "expected an object" + located(path)) }
    guard let value = object[key] else { throw Failure(reason: "missing key '\(key)'" + located(path)) }
    return value
  }

  private static func required<T>(
    _ object: JSONValue, _ key: String, at path: String, _ read: (JSONValue, String) throws(Failure) -> T
  ) throws(Failure) -> T {
    try read(required(object, key, at: path), path + "." + key)
  }

  private static func optional<T>(
    _ object: JSONValue, _ key: String, at path: String, _ read: (JSONValue, String) throws(Failure) -> T
  ) throws(Failure) -> T? {
    guard let value = object[key] else { return nil }
    if case .null = value { return nil }
    return try read(value, path + "." + key)
  }

  private static func list<T>(
    _ object: JSONValue, _ key: String, at path: String, _ read: (JSONValue, String) throws(Failure) -> T
  ) throws(Failure) -> [T] {
    try items(required(object, key, at: path), at: path + "." + key, read)
  }

  private static func items<T>(
    _ value: JSONValue, at path: String, _ read: (JSONValue, String) throws(Failure) -> T
  ) throws(Failure) -> [T] {
    guard case .array(let elements) = value else { throw Failure(reason: "expected Array" + located(path)) }
    var result: [T] = []
    result.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() { result.append(try read(element, "\(path)[\(index)]")) }
    return result
  }

  private static func string(_ value: JSONValue, at path: String) throws(Failure) -> String {
    guard case .string(let text) = value else { throw Failure(reason: "expected String" + located(path)) }
    return text
  }

  private static func int(_ value: JSONValue, at path: String) throws(Failure) -> Int {
    guard case .number(let text) = value, let number = Int(text) else { throw Failure(reason: "expected Int" + located(path)) }
    return number
  }

  private static func bool(_ value: JSONValue, at path: String) throws(Failure) -> Bool {
    guard case .bool(let flag) = value else { throw Failure(reason: "expected Bool" + located(path)) }
    return flag
  }

  private static func located(_ path: String) -> String { path.isEmpty ? "" : " at \(path)" }
}
