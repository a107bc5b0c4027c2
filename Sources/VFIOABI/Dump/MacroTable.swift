/// The object-like macros a header defines itself, read from clang's `-E -dD` output, whose line
/// markers say which file each `#define` comes from.
struct MacroTable {
  /// The header's path as clang resolved it: the first file the translation unit includes.
  var headerPath: String?
  /// Name and replacement text, in definition order; a later `#define` replaces an earlier one.
  var macros: [(name: String, definition: String)] = []

  init(preprocessed: String, mainFile: String) {
    var current = ""
    var order: [String] = []
    var definitions: [String: String] = [:]
    for line in preprocessed.split(separator: "\n") {
      if line.hasPrefix("# "), let marker = LineMarker(line) {
        if headerPath == nil, current == mainFile, marker.entersFile, !marker.file.hasPrefix("<") {
          headerPath = marker.file
        }
        current = marker.file
        continue
      }
      guard let headerPath, current == headerPath else { continue }
      if line.hasPrefix("#define ") {
        let rest = line.dropFirst("#define ".count)
        let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
        let after = rest.dropFirst(name.count)
        guard !name.isEmpty, !after.hasPrefix("(") else { continue }
        let key = String(name)
        if definitions[key] == nil { order.append(key) }
        definitions[key] = String(after.trimmingSpaces)
      } else if line.hasPrefix("#undef ") {
        let key = String(line.dropFirst("#undef ".count).trimmingSpaces)
        definitions[key] = nil
        order.removeAll { $0 == key }
      }
    }
    macros = order.compactMap { name in definitions[name].map { (name, $0) } }
  }

  /// Whether a replacement text can be an integer constant expression worth evaluating: not empty, no
  /// string or character-array literal, no floating literal, no braces.
  static func mayBeInteger(_ definition: String) -> Bool {
    guard !definition.isEmpty, !definition.contains("\""), !definition.contains("{") else { return false }
    var previous: Character = " "
    for (index, c) in zip(definition.indices, definition) {
      defer { previous = c }
      guard c == ".", previous.isNumber || previous == " " || previous == "(" else { continue }
      let next = definition.index(after: index)
      if next < definition.endIndex, definition[next].isNumber { return false }
    }
    return true
  }
}

/// `# 12 "/usr/include/linux/vfio.h" 1`
private struct LineMarker {
  let file: String
  let entersFile: Bool

  init?(_ line: Substring) {
    guard let open = line.firstIndex(of: "\"") else { return nil }
    let afterOpen = line.index(after: open)
    guard let close = line[afterOpen...].firstIndex(of: "\"") else { return nil }
    file = String(line[afterOpen..<close])
    entersFile = line[line.index(after: close)...].split(separator: " ").first == "1"
  }
}

extension Substring {
  var trimmingSpaces: Substring {
    let start = drop(while: { $0 == " " || $0 == "\t" })
    var end = start.endIndex
    while end > start.startIndex, start[start.index(before: end)] == " " || start[start.index(before: end)] == "\t" {
      end = start.index(before: end)
    }
    return start[..<end]
  }
}
