/// Which file each node of clang's JSON AST comes from. The dump writes a location's `file` only when
/// it differs from the location written before it, in document order, so every location is visited in
/// that order; an `includedFrom` object names the includer and does not count as a location.
struct SourceFiles {
  private(set) var current: String?

  /// Follows every location inside `value` (`loc`, `range`, spelling and expansion locations), in order.
  mutating func follow(_ value: JSONValue) {
    switch value {
    case .object(let members):
      if members.contains(where: { $0.key == "offset" }), members.contains(where: { $0.key == "col" }) {
        if let file = value["file"]?.string { current = file }
        return
      }
      for member in members where member.key != "includedFrom" { follow(member.value) }
    case .array(let values):
      values.forEach { follow($0) }
    default:
      return
    }
  }

  /// The file a declaration belongs to — where its name is written once macros are expanded (the
  /// expansion location of `loc`) — after following every location of the node itself (not its
  /// children, which the caller visits next).
  mutating func declarationFile(_ node: JSONValue) -> String? {
    var file: String?
    for member in node.members where member.key != "inner" {
      follow(member.value)
      if member.key == "loc" { file = current }
    }
    return file
  }
}
