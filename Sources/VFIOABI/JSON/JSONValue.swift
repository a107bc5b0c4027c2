/// A JSON value as clang prints it, object keys kept in document order: clang's JSON AST leaves out a
/// location's `file` and `line` when they equal the previous location's, so order carries meaning.
enum JSONValue: Sendable {
  case object([(key: String, value: JSONValue)])
  case array([JSONValue])
  case string(String)
  /// The number's text, which may exceed any fixed-width integer.
  case number(String)
  case bool(Bool)
  case null

  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  var int: Int? {
    if case .number(let text) = self { return Int(text) }
    return nil
  }

  var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  var array: [JSONValue] {
    if case .array(let values) = self { return values }
    return []
  }

  var members: [(key: String, value: JSONValue)] {
    if case .object(let members) = self { return members }
    return []
  }
}
