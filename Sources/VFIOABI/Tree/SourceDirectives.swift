/// The `#include`s a C source spells, found as the preprocessor finds directives (after lines joined at
/// a backslash, a `#` first on its line but for whitespace and comments), whether their conditions hold
/// or not; and whether the source's meaning can depend on more than its bytes and those includes.
struct SourceDirectives {
  /// One `#include`: the name between `<>` or `""`.
  struct Include: Hashable {
    var name: String
    var quoted: Bool
  }

  /// Every `#include` in order.
  private(set) var includes: [Include] = []
  /// False when something in the source reads more than its bytes and its includes' (`__FILE__`, the
  /// time, `__has_include`), names a file in a way not followed here (`#include_next`, `#import`,
  /// `#embed`, a macro or an absolute path after `#include`), depends on which file it is (`#pragma
  /// once`, `_Pragma`), or spells `#` as a digraph or trigraph.
  private(set) var isPortable = true

  /// Words that make a source's preprocessed text depend on more than its bytes, looked for anywhere
  /// (a comment naming one only costs the header its shortcut).
  private static let unportableWords = [
    "__FILE__", "__BASE_FILE__", "__TIMESTAMP__", "__DATE__", "__TIME__", "__has_include", "__has_embed", "_Pragma",
    "%:", "??=",
  ]

  init(_ source: [UInt8]) {
    let bytes = Self.joiningLines(source)
    guard !Self.unportableWords.contains(where: { bytes.contains(word: $0) }) else {
      isPortable = false
      return
    }
    var index = 0
    var lineStart = true
    while index < bytes.count, isPortable {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\n"):
        lineStart = true
        index += 1
      case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C, UInt8(ascii: "\r"):
        index += 1
      case UInt8(ascii: "/"):
        // A comment is a space: a `#` after one is still first on its line.
        if let end = Self.commentEnd(bytes, at: index) {
          index = end
        } else {
          index += 1
          lineStart = false
        }
      case UInt8(ascii: "#") where lineStart:
        index = directive(bytes, after: index + 1)
        lineStart = false
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        index = Self.literalEnd(bytes, at: index)
        lineStart = false
      default:
        index += 1
        lineStart = false
      }
    }
  }

  /// Reads the directive whose `#` is just before `start`; returns where its name ends.
  private mutating func directive(_ bytes: [UInt8], after start: Int) -> Int {
    var index = Self.skippingSpace(bytes, from: start)
    let nameStart = index
    while index < bytes.count, Self.isIdentifier(bytes[index]) { index += 1 }
    let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
    switch name {
    case "include":
      index = Self.skippingSpace(bytes, from: index)
      guard index < bytes.count, let close = Self.closing(bytes[index]),
        let end = bytes[(index + 1)...].firstIndex(where: { $0 == close || $0 == UInt8(ascii: "\n") }), bytes[end] == close,
        end > index + 1, bytes[index + 1] != UInt8(ascii: "/")
      else {
        isPortable = false
        return index
      }
      includes.append(Include(name: String(decoding: bytes[(index + 1)..<end], as: UTF8.self), quoted: close == UInt8(ascii: "\"")))
      return end + 1
    case "include_next", "import", "embed":
      isPortable = false
    case "pragma":
      index = Self.skippingSpace(bytes, from: index)
      if bytes[index...].starts(with: "once".utf8) { isPortable = false }
    default:
      break
    }
    return index
  }

  private static func closing(_ opening: UInt8) -> UInt8? {
    switch opening {
    case UInt8(ascii: "<"): UInt8(ascii: ">")
    case UInt8(ascii: "\""): UInt8(ascii: "\"")
    default: nil
    }
  }

  /// Past spaces, tabs and comments within the line.
  private static func skippingSpace(_ bytes: [UInt8], from start: Int) -> Int {
    var index = start
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
        index += 1
      } else if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*"), let end = commentEnd(bytes, at: index) {
        index = end
      } else {
        break
      }
    }
    return index
  }

  /// Where the comment starting at `index` ends (a line comment before its line break), or nil when
  /// none starts there. An unclosed block comment runs to the end.
  private static func commentEnd(_ bytes: [UInt8], at index: Int) -> Int? {
    guard bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count else { return nil }
    switch bytes[index + 1] {
    case UInt8(ascii: "/"):
      return bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    case UInt8(ascii: "*"):
      var at = index + 2
      while at + 1 < bytes.count, !(bytes[at] == UInt8(ascii: "*") && bytes[at + 1] == UInt8(ascii: "/")) { at += 1 }
      return min(at + 2, bytes.count)
    default:
      return nil
    }
  }

  /// Past the string or character literal starting at `index`, or at the line's end when it is not
  /// closed there (an apostrophe in `#error` text or in a skipped block opens none).
  private static func literalEnd(_ bytes: [UInt8], at index: Int) -> Int {
    let quote = bytes[index]
    var at = index + 1
    while at < bytes.count, bytes[at] != quote, bytes[at] != UInt8(ascii: "\n") {
      at += bytes[at] == UInt8(ascii: "\\") ? 2 : 1
    }
    return at < bytes.count && bytes[at] == quote ? at + 1 : min(at, bytes.count)
  }

  private static func isIdentifier(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "_"):
      true
    default: false
    }
  }

  /// The source with each backslash that ends a line removed with its line break, as the
  /// preprocessor joins lines before anything else.
  private static func joiningLines(_ source: [UInt8]) -> [UInt8] {
    guard source.contains(UInt8(ascii: "\\")) else { return source }
    var joined: [UInt8] = []
    joined.reserveCapacity(source.count)
    var index = 0
    while index < source.count {
      if source[index] == UInt8(ascii: "\\") {
        if index + 1 < source.count, source[index + 1] == UInt8(ascii: "\n") {
          index += 2
          continue
        }
        if index + 2 < source.count, source[index + 1] == UInt8(ascii: "\r"), source[index + 2] == UInt8(ascii: "\n") {
          index += 3
          continue
        }
      }
      joined.append(source[index])
      index += 1
    }
    return joined
  }
}
