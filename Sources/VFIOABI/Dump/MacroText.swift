/// A macro's text as `clang -E -dD` prints it after `#define NAME`, from the bytes of its definition.
enum MacroText {
  /// The text after the name that starts at `name`, up to `end` (the end of the definition's last token):
  /// its tokens as written, one space where whitespace or a comment came between two of them (clang's
  /// "leading space"), none before the first, line splices (a backslash, maybe blanks, a line break)
  /// removed as clang spells a token. A function-like macro keeps its parameter list as written.
  static func body(_ bytes: UnsafeBufferPointer<UInt8>, name: Int, end: Int) -> [UInt8] {
    let end = min(end, bytes.count)
    var index = nameEnd(bytes, name: name)
    var text: [UInt8] = []
    text.reserveCapacity(end - index)
    var space = false
    while index < end {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\\"):
        if let after = splice(bytes, at: index) {
          index = after
          continue
        }
      case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C, UInt8(ascii: "\r"), UInt8(ascii: "\n"):
        space = true
        index += 1
        continue
      case UInt8(ascii: "/"):
        let next = skippingSplices(bytes, from: index + 1, end: end)
        if next < end && bytes[next] == UInt8(ascii: "*") {
          index = afterBlockComment(bytes, from: next + 1, end: end)
          space = true
          continue
        }
        if next < end && bytes[next] == UInt8(ascii: "/") {
          index = end
          space = true
          continue
        }
      default: break
      }
      if space && !text.isEmpty { text.append(UInt8(ascii: " ")) }
      space = false
      text.append(byte)
      index += 1
      guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") else { continue }
      // A literal keeps its blanks and what looks like a comment; a backslash escapes the next byte.
      while index < end {
        if bytes[index] == UInt8(ascii: "\\"), let after = splice(bytes, at: index) {
          index = after
          continue
        }
        let inner = bytes[index]
        text.append(inner)
        index += 1
        if inner == byte { break }
        if inner == UInt8(ascii: "\\") {
          index = skippingSplices(bytes, from: index, end: end)
          if index < end {
            text.append(bytes[index])
            index += 1
          }
        }
      }
    }
    return text
  }

  /// The index after the name that starts at `name`, which a line splice may cut: a function-like
  /// macro's `(` follows at once.
  static func nameEnd(_ bytes: UnsafeBufferPointer<UInt8>, name: Int) -> Int {
    var index = name
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "\\"), let after = splice(bytes, at: index) {
        index = after
      } else if MacroDefinitions.isIdentifier(bytes[index]) {
        index += 1
      } else {
        break
      }
    }
    return index
  }

  /// The index after the line splice at `index` (a backslash, blanks, a line break), or nil when there
  /// is none.
  private static func splice(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    var next = index + 1
    while next < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C].contains(bytes[next]) { next += 1 }
    guard next < bytes.count else { return nil }
    if bytes[next] == UInt8(ascii: "\n") { return next + 1 }
    guard bytes[next] == UInt8(ascii: "\r") else { return nil }
    return next + 1 < bytes.count && bytes[next + 1] == UInt8(ascii: "\n") ? next + 2 : next + 1
  }

  private static func skippingSplices(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, end: Int) -> Int {
    var index = index
    while index < end, bytes[index] == UInt8(ascii: "\\"), let after = splice(bytes, at: index) { index = after }
    return index
  }

  /// The index after the `*/` that ends the comment whose text starts at `index`.
  private static func afterBlockComment(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, end: Int) -> Int {
    var index = index
    while index < end {
      if bytes[index] == UInt8(ascii: "*") {
        let next = skippingSplices(bytes, from: index + 1, end: end)
        if next < end && bytes[next] == UInt8(ascii: "/") { return next + 1 }
        index = next
      } else {
        index += 1
      }
    }
    return end
  }
}
