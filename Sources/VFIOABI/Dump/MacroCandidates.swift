internal import CLibClang
import Glibc

/// The object-like macros a header's text looks as if it defines, read from the bytes of the header and
/// of the files it includes below its roots (``IncludedFiles``), without clang: a guess, from which one
/// parse both asks every value and records the macros (``InProcessDump/Macros/guessed(_:)``). Only the
/// record decides which macros the header leaves defined; a guess that misses one of them costs a
/// second parse, one that names more costs a question each, guarded by `#ifdef`.
///
/// Comments and line splices are removed as clang removes them; conditional directives are not
/// followed (both branches are read), nor is an `#include` whose name is a macro. Each question is asked
/// under `#ifdef` unless the text shows every guessed macro defined when the header ends: no `#undef`,
/// `pop_macro` or line splice in any file read, no definition or `#include` inside a conditional but a
/// file's include guard. A guess that is wrong about that costs a question rejected and the unit parsed
/// again without it; the guards cost clang three directives per question (for 20,000 macros, 30 ms).
struct MacroCandidates {
  /// The names, in the order their definitions come in each file, files in the order found, each once,
  /// whose text may be an integer constant expression (``MacroDefinitions/mayBeInteger(_:)``).
  var names: [String] = []
  /// Whether some name may be undefined when the header ends (see the type's comment).
  var mayBeUndefined = false
}

extension MacroCandidates {
  /// Files larger than this are left to clang: a guess need not read everything.
  static let fileSizeLimit = 16 << 20
  /// At most this many files are read: a header includes a few dozen.
  static let fileLimit = 4096

  /// The guess for the header at `path`, reading it and the files it includes below `included`'s roots
  /// (`#include` looked up in the including file's directory, for quotes, then in `searchPath`).
  init(header path: String, included: IncludedFiles, searchPath: [String]) {
    var seen: Set<String> = []
    var pending = [path]
    var visited: Set<String> = [path]
    while let file = pending.popLast() {
      guard visited.count <= Self.fileLimit, let bytes = RegularFile.read(file, limit: Self.fileSizeLimit) else {
        mayBeUndefined = true
        continue
      }
      if bytes.contains(UInt8(ascii: "\\")) || Self.contains(bytes, "undef") || Self.contains(bytes, "pop_macro") { mayBeUndefined = true }
      let directory = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
      let lines = Self.logicalLines(bytes).map(Self.directive)
      let guardDepth = Self.hasIncludeGuard(lines) ? 1 : 0
      var depth = 0
      for line in lines {
        switch line {
        case .define(let name, let definition):
          if depth > guardDepth { mayBeUndefined = true }
          if MacroDefinitions.mayBeInteger(definition), seen.insert(name).inserted { names.append(name) }
        case .include(let name, let quoted):
          if depth > guardDepth { mayBeUndefined = true }
          let candidates = (quoted ? [directory] : []) + searchPath
          guard let found = candidates.lazy.map({ $0 + "/" + name }).first(where: RegularFile.exists(at:)),
            included.name(of: found) != nil, visited.insert(found).inserted
          else { continue }
          pending.insert(found, at: 0)
        case .conditional, .ifndef: depth += 1
        case .endConditional: depth -= 1
        case .other, nil: continue
        }
      }
    }
  }

  /// Whether a file's directives are `#ifndef G`, `#define G`, …, and the `#endif` of the first last.
  private static func hasIncludeGuard(_ lines: [Directive?]) -> Bool {
    let directives = lines.compactMap { $0 }
    guard directives.count >= 3, case .ifndef(let name) = directives[0], case .define(name, _) = directives[1],
      case .endConditional = directives[directives.count - 1]
    else { return false }
    var depth = 0
    for (index, directive) in directives.enumerated() {
      switch directive {
      case .conditional, .ifndef: depth += 1
      case .endConditional:
        depth -= 1
        if depth == 0 { return index == directives.count - 1 }
      default: continue
      }
    }
    return false
  }

  private static func contains(_ bytes: [UInt8], _ word: String) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      word.withCString { CLibClang_contains(buffer.baseAddress, buffer.count, $0, word.utf8.count) != 0 }
    }
  }

  private enum Directive {
    case define(name: String, definition: String)
    case include(name: String, quoted: Bool)
    case ifndef(String)
    /// `#if`, `#ifdef` or `#ifndef` (but a first `#ifndef`, see ``hasIncludeGuard(_:)``).
    case conditional
    case endConditional
    case other
  }

  /// `#define NAME TEXT` (object-like, TEXT with blanks collapsed), `#include` of a spelled name, a
  /// conditional's start or end, another directive, or nil for a line that is none.
  private static func directive(_ line: ArraySlice<UInt8>) -> Directive? {
    var rest = line.drop(while: isBlank)
    guard rest.first == UInt8(ascii: "#") else { return nil }
    rest = rest.dropFirst().drop(while: isBlank)
    let word = rest.prefix(while: MacroDefinitions.isIdentifier)
    rest = rest[word.endIndex...]
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
      guard !name.isEmpty, after.first != UInt8(ascii: "(") else { return .other }
      let words = after.split(whereSeparator: isBlank).map { String(decoding: $0, as: UTF8.self) }
      return .define(name: String(decoding: name, as: UTF8.self), definition: words.joined(separator: " "))
    }
    guard word.elementsEqual("include".utf8) else { return .other }
    rest = rest.drop(while: isBlank)
    guard let open = rest.first, open == UInt8(ascii: "<") || open == UInt8(ascii: "\"") else { return .other }
    let close = open == UInt8(ascii: "<") ? UInt8(ascii: ">") : open
    let name = rest.dropFirst().prefix { $0 != close }
    guard !name.isEmpty, name.endIndex < rest.endIndex else { return .other }
    return .include(name: String(decoding: name, as: UTF8.self), quoted: open == UInt8(ascii: "\""))
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0B || byte == 0x0C || byte == UInt8(ascii: "\r")
  }

  /// The file's lines as clang's preprocessor sees them: line splices joined, each comment one blank
  /// (a block comment over several lines joins them), literals kept as written.
  private static func logicalLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
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
