/// The `#include`s a C source spells, whether their conditions hold or not, read from its logical lines
/// (``DirectiveText``: line splices joined, comments blanked, as the preprocessor reads them); and
/// whether the source's meaning can depend on more than its bytes and those includes.
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
  /// outside comments (in a literal one only costs the header its shortcut).
  private static let unportableWords = [
    "__FILE__", "__BASE_FILE__", "__TIMESTAMP__", "__DATE__", "__TIME__", "__has_include", "__has_embed", "_Pragma",
    "%:", "??=",
  ]

  init(_ source: [UInt8]) {
    let lines = DirectiveText.logicalLines(source)
    let text = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    guard !Self.unportableWords.contains(where: { text.contains(word: $0) }) else {
      isPortable = false
      return
    }
    for line in lines {
      guard let name = DirectiveText.name(of: line) else { continue }
      // Only an `#include` is read whole: `directive(_:)` spells out a `#define`'s text, which this
      // never reads, for every definition of every file of both trees.
      if name.elementsEqual("include".utf8), case .include(let included, let quoted) = DirectiveText.directive(line),
        !included.hasPrefix("/")
      {
        includes.append(Include(name: included, quoted: quoted))
        continue
      }
      // An `#include` not spelled as a name, and the directives that find a file another way.
      let unportable: Bool =
        switch String(decoding: name, as: UTF8.self) {
        case "include", "include_next", "import", "embed": true
        case "pragma": DirectiveText.words(after: name, in: line).first?.elementsEqual("once".utf8) == true
        default: false
        }
      guard !unportable else {
        isPortable = false
        return
      }
    }
  }
}
