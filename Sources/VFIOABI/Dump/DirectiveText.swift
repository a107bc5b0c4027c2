/// The preprocessor's view of a file's text that the engine reads without clang: its logical lines
/// (comments and line splices removed as clang removes them) and the directives the macro guess
/// (``MacroCandidates``) and the version header (``VersionHeader``) look for.
enum DirectiveText {
  /// What a logical line directs, as far as the engine's readers care.
  enum Directive {
    /// `definition` is the replacement text as written, without the blanks around it: the macro guess
    /// only scans it and the version header reads one number, so it is not copied into a String per line.
    case define(name: String, definition: ArraySlice<UInt8>)
    /// `#define NAME(` …: a function-like macro.
    case defineFunction(name: String)
    case include(name: String, quoted: Bool)
    case ifndef(String)
    /// `#if` or `#ifdef`.
    case conditional
    case endConditional
    case other
  }

  /// `#define NAME TEXT` (object-like), `#define NAME(`, `#include` of a
  /// spelled name, a conditional's start or end, another directive, or nil for a line that is none.
  static func directive(_ line: ArraySlice<UInt8>) -> Directive? {
    guard let word = name(of: line) else { return nil }
    var rest = line[word.endIndex...]
    if word.elementsEqual("ifndef".utf8) {
      let name = rest.drop(while: isBlank).prefix(while: MacroDefinitions.isIdentifier)
      return .ifndef(String(decoding: name, as: UTF8.self))
    }
    if word.elementsEqual("if".utf8) || word.elementsEqual("ifdef".utf8) { return .conditional }
    if word.elementsEqual("endif".utf8) { return .endConditional }
    if word.elementsEqual("define".utf8) {
      rest = rest.drop(while: isBlank)
      let name = rest.prefix(while: MacroDefinitions.isIdentifier)
      let after = rest[name.endIndex...]
      guard !name.isEmpty else { return .other }
      guard after.first != UInt8(ascii: "(") else { return .defineFunction(name: String(decoding: name, as: UTF8.self)) }
      let definition = after.drop(while: isBlank)
      let end = definition.lastIndex { !isBlank($0) }.map { $0 + 1 } ?? definition.startIndex
      return .define(name: String(decoding: name, as: UTF8.self), definition: definition[..<end])
    }
    guard word.elementsEqual("include".utf8) else { return .other }
    rest = rest.drop(while: isBlank)
    guard let open = rest.first, open == UInt8(ascii: "<") || open == UInt8(ascii: "\"") else { return .other }
    let close = open == UInt8(ascii: "<") ? UInt8(ascii: ">") : open
    let name = rest.dropFirst().prefix { $0 != close }
    guard !name.isEmpty, name.endIndex < rest.endIndex else { return .other }
    return .include(name: String(decoding: name, as: UTF8.self), quoted: open == UInt8(ascii: "\""))
  }

  /// The directive's name (`include`, `pragma`, …), or nil for a line that is no directive.
  static func name(of line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
    let rest = line.drop(while: isBlank)
    guard rest.first == UInt8(ascii: "#") else { return nil }
    return rest.dropFirst().drop(while: isBlank).prefix(while: MacroDefinitions.isIdentifier)
  }

  /// The words of a directive's line after its name, as `#pragma once` spells them.
  static func words(after name: ArraySlice<UInt8>, in line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    line[name.endIndex...].split(whereSeparator: isBlank)
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0B || byte == 0x0C || byte == UInt8(ascii: "\r")
  }

  /// The file's lines as clang's preprocessor sees them: line splices joined, each comment one blank
  /// (a block comment over several lines joins them), literals kept as written.
  static func logicalLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count)
    var index = 0
    // The index after a splice (a backslash, blanks, a line break) at `index`, or nil.
    func splice(at index: Int) -> Int? {
      guard bytes[index] == UInt8(ascii: "\\") else { return nil }
      var next = index + 1
      while next < bytes.count, isBlank(bytes[next]) { next += 1 }
      return next < bytes.count && bytes[next] == UInt8(ascii: "\n") ? next + 1 : nil
    }
    while index < bytes.count {
      if let after = splice(at: index) {
        index = after
        continue
      }
      let byte = bytes[index]
      let next = index + 1 < bytes.count ? bytes[index + 1] : 0
      if byte == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
        index += 2
        while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
        index += 2
        text.append(UInt8(ascii: " "))
        continue
      }
      if byte == UInt8(ascii: "/") && next == UInt8(ascii: "/") {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += splice(at: index).map { $0 - index } ?? 1 }
        continue
      }
      text.append(byte)
      index += 1
      guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") else { continue }
      while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
        let inner = bytes[index]
        text.append(inner)
        index += 1
        if inner == byte { break }
        if inner == UInt8(ascii: "\\"), index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
          text.append(bytes[index])
          index += 1
        }
      }
    }
    return text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
  }
}
