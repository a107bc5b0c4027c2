
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
      if bytes.contains(UInt8(ascii: "\\")) || bytes.contains(word: "undef") || bytes.contains(word: "pop_macro") { mayBeUndefined = true }
      let directory = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
      let lines = DirectiveText.logicalLines(bytes).map(DirectiveText.directive)
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
        case .defineFunction, .other, nil: continue
        }
      }
    }
  }

  /// Whether a file's directives are `#ifndef G`, `#define G`, …, and the `#endif` of the first last.
  private static func hasIncludeGuard(_ lines: [DirectiveText.Directive?]) -> Bool {
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
}
