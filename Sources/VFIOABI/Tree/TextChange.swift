/// One line of `clang -E -dD` output as tree mode compares it: a line marker that enters or leaves a
/// file (named relative to its tree), or any other line, kept as clang wrote it.
enum PreprocessedLine: Equatable {
  case marker(file: String, flags: [Int])
  case text(ArraySlice<UInt8>)
}

/// How a header's preprocessed text in the new tree relates to its text in the old tree, judged only as
/// far as the header's manifest diff is concerned: that diff compares the header's own records and
/// constants, and looks at what it includes only for a declaration the header lost.
enum TextChange: Equatable {
  /// The same lines.
  case none
  /// The old lines in order, with only these added: whole top-level declarations and object-like or
  /// function-like macro definitions, in files other than the header itself, whose names appear nowhere
  /// in the old text; and only these removed: whole top-level declarations in files other than the
  /// header, whose names no line of the new text names (`linux/pkt_sched.h` dropped `struct
  /// tc_cbq_lssopt`, which none of its includers uses). Nothing the old text says can then mean anything else (a name it never mentions
  /// cannot change a type, a layout or a macro's expansion), and the header gains nothing of its own,
  /// so once the new text compiles, the diff is empty. This is how most headers change between kernel
  /// releases: `linux/types.h` gains `__s128`, `linux/stddef.h` gains `__counted_by`. Macros that only
  /// their own `#define` and `#undef` lines name, outside the header, may change in any way.
  case additionsElsewhere
  /// The header's own lines the same, and every change elsewhere in declarations and macros nothing
  /// the header's own lines lead to names (``UnnamedChanges``): a field added to a struct of an
  /// included file that the header never uses. Once the header compiles in both trees, the diff is
  /// empty.
  case unnamedChangesElsewhere
  /// Anything else, which only the two dumps can judge.
  case other

  /// `builtins`: clang's built-in macros, left out of both texts (``BuiltinMacros``).
  init(old: [PreprocessedLine], new: [PreprocessedLine], builtins: BuiltinMacros) {
    if old == new {
      self = .none
      return
    }
    var oldText = AttributedText(old)
    var newText = AttributedText(new)
    guard let header = newText.header, oldText.header == header else {
      self = .other
      return
    }
    // A macro defined, redefined or removed elsewhere that no other line names (`__UAPI_DEF_…`, which
    // only `#if`s read, and their effect is in the tokens) changes nothing either text says.
    let unread = AttributedText.unreadMacros(oldText, newText, builtins: builtins)
    oldText.dropMacros(unread)
    newText.dropMacros(unread)
    if oldText.lines == newText.lines {
      self = .additionsElsewhere
      return
    }
    // The old lines kept in the new text, which both judgements below read.
    guard let matches = LineMatching.kept(oldText.lines, in: newText.lines) else {
      self = .other
      return
    }
    if Self.onlyAdditionsElsewhere(old: oldText, new: newText, matches: matches, header: header, builtins: builtins) {
      self = .additionsElsewhere
    } else {
      self =
        UnnamedChanges.settle(old: oldText, new: newText, matches: matches, header: header, builtins: builtins)
        ? .unnamedChangesElsewhere : .other
    }
  }

  /// `matches`: the old lines kept in the new text (``LineMatching/kept(_:in:)``); those left out were
  /// removed, those not matched added.
  private static func onlyAdditionsElsewhere(
    old oldText: AttributedText, new newText: AttributedText, matches: [(Int, Int)], header ownFile: String,
    builtins: BuiltinMacros
  ) -> Bool {
    let old = oldText.lines
    let new = newText.lines
    var kept = [Bool](repeating: false, count: old.count)
    var added = [Bool](repeating: true, count: new.count)
    for (oldIndex, newIndex) in matches {
      guard oldText.files[oldIndex] == newText.files[newIndex] else { return false }
      kept[oldIndex] = true
      added[newIndex] = false
    }
    // The built-in lines, which the new text keeps, must not name them either.
    guard let removedNames = removedDeclarations(oldText, kept: kept, header: ownFile), removedNames.isDisjoint(with: builtins.identifiers)
    else { return false }
    var declared = Set<Spelling>()
    var defined: [Spelling: ArraySlice<UInt8>] = [:]
    var items = TopLevelItems()
    for (index, line) in new.enumerated() {
      guard case .text(let text) = line else { continue }
      let isDirective = text.first == UInt8(ascii: "#")
      // A removed declaration's name must not be read by what stays or comes.
      var clash = false
      if !removedNames.isEmpty {
        CTokens.forEachToken(in: text) { token in
          if case .identifier(let name) = token, removedNames.contains(name) { clash = true }
        }
      }
      if clash { return false }
      guard added[index] else {
        if !isDirective, !items.continueOld() { return false }
        if !isDirective { items.scan(text) }
        continue
      }
      let file = newText.files[index]
      guard file != ownFile, file != AttributedText.unit else { return false }
      if isDirective {
        // Only `#define`s, each added name defined one way.
        guard let name = CTokens.definedName(text), defined[name, default: text] == text else { return false }
        defined[name] = text
      } else {
        guard items.startAdded() else { return false }
        items.scan(text)
        declared.formUnion(CTokens.declaredNames(text))
      }
    }
    guard items.end() else { return false }
    return Self.oldTextIgnores(declared: declared, defined: defined, old: old, builtins: builtins)
  }

  /// The names declared by the old lines the new text left out, when those are whole top-level
  /// declarations in files other than the header (no directive: a macro removed elsewhere that a line
  /// still names is no harmless removal); nil otherwise.
  private static func removedDeclarations(_ oldText: AttributedText, kept: [Bool], header ownFile: String) -> Set<Spelling>? {
    var names = Set<Spelling>()
    var items = TopLevelItems()
    for (index, line) in oldText.lines.enumerated() {
      guard case .text(let text) = line else { continue }
      let isDirective = text.first == UInt8(ascii: "#")
      guard !kept[index] else {
        if !isDirective, !items.continueOld() { return nil }
        if !isDirective { items.scan(text) }
        continue
      }
      let file = oldText.files[index]
      guard !isDirective, file != ownFile, file != AttributedText.unit, items.startAdded() else { return nil }
      items.scan(text)
      names.formUnion(CTokens.declaredNames(text))
    }
    return items.end() ? names : nil
  }

  /// Whether the old text never mentions a declared name, and mentions a defined macro only where
  /// it already defines it the very same way (as `linux/stddef.h` now repeats what the command line
  /// predefines), never `#undef`ing it: such a definition changes nothing.
  private static func oldTextIgnores(
    declared: Set<Spelling>, defined: [Spelling: ArraySlice<UInt8>], old: [PreprocessedLine], builtins: BuiltinMacros
  ) -> Bool {
    // The old text's built-in lines first, read as the loop below reads a line.
    guard declared.isDisjoint(with: builtins.identifiers) else { return false }
    var mentioned = Set(defined.keys.filter(builtins.identifiers.contains))
    var definedAlike = Set<Spelling>()
    for (name, definition) in defined {
      guard let line = builtins.lines[name] else { continue }
      guard line == definition else { return false }
      definedAlike.insert(name)
    }
    // Most identifiers are none of the few names added: their hashes say so before any set is asked.
    var watched = NameHashes()
    for name in declared { watched.insert(name) }
    for name in defined.keys { watched.insert(name) }
    for line in old {
      guard case .text(let text) = line else { continue }
      if let name = CTokens.macroName(text), let definition = defined[name] {
        // An `#undef` is never the same line, so a definition it would bring back is refused too.
        guard text == definition else { return false }
        definedAlike.insert(name)
      }
      var clash = false
      CTokens.forEachTokenRange(in: text) { kind, range in
        guard kind == .identifier, watched.contains(text, range) else { return }
        let name = Spelling(text[range])
        if declared.contains(name) { clash = true }
        if defined[name] != nil { mentioned.insert(name) }
      }
      if clash { return false }
    }
    return mentioned.isSubset(of: definedAlike)
  }
}

/// The longest common subsequence of two line sequences (Myers' O((N+M)·D) search), as index pairs in
/// order; nil when they differ in more lines than is worth comparing (the dumps judge those).
enum LineMatching {
  /// Beyond this many lines added and removed, the search (time N·D, memory D²) is not worth it.
  static let differenceLimit = 1000

  /// The old lines kept in the new text: the earliest embedding of all of them, found in one pass,
  /// when there is one; else the longest common lines; nil when they differ too much.
  static func kept(_ old: [PreprocessedLine], in new: [PreprocessedLine]) -> [(Int, Int)]? {
    embedding(old, in: new) ?? longestCommon(old, new)
  }

  /// Each old line matched to the earliest equal new line after the previous match; nil when some old
  /// line is left over (a line was removed or changed).
  static func embedding(_ old: [PreprocessedLine], in new: [PreprocessedLine]) -> [(Int, Int)]? {
    guard new.count >= old.count else { return nil }
    var pairs: [(Int, Int)] = []
    pairs.reserveCapacity(old.count)
    for (index, line) in new.enumerated() where pairs.count < old.count && line == old[pairs.count] {
      pairs.append((pairs.count, index))
    }
    return pairs.count == old.count ? pairs : nil
  }

  static func longestCommon(_ old: [PreprocessedLine], _ new: [PreprocessedLine]) -> [(Int, Int)]? {
    let n = old.count
    let m = new.count
    let offset = differenceLimit + 1
    var frontier = [Int](repeating: 0, count: 2 * offset + 1)
    // Round d's starting frontier, diagonals -d...d only.
    var trace: [[Int]] = []
    for d in 0...min(differenceLimit, n + m) {
      trace.append(Array(frontier[(offset - d)...(offset + d)]))
      for k in stride(from: -d, through: d, by: 2) {
        var x = (k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]))
          ? frontier[offset + k + 1] : frontier[offset + k - 1] + 1
        var y = x - k
        while x < n, y < m, old[x] == new[y] {
          x += 1
          y += 1
        }
        frontier[offset + k] = x
        if x >= n, y >= m {
          // Whatever the search found, only equal lines in order are trusted as kept.
          let pairs = backtrack(trace, n: n, m: m)
          let ordered = zip(pairs, pairs.dropFirst()).allSatisfy { $0.0 < $1.0 && $0.1 < $1.1 }
          return ordered && pairs.allSatisfy({ $0.0 < n && $0.1 < m && old[$0.0] == new[$0.1] }) ? pairs : nil
        }
      }
    }
    return nil
  }

  private static func backtrack(_ trace: [[Int]], n: Int, m: Int) -> [(Int, Int)] {
    var pairs: [(Int, Int)] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      // Diagonal k of round d's frontier is at k + d.
      let frontier = trace[d]
      let k = x - y
      let previousK = (k == -d || (k != d && frontier[k - 1 + d] < frontier[k + 1 + d])) ? k + 1 : k - 1
      let previousX = d == 0 ? 0 : frontier[previousK + d]
      let previousY = previousX - previousK
      while x > previousX, y > previousY, x > 0, y > 0 {
        x -= 1
        y -= 1
        pairs.append((x, y))
      }
      if d == 0 { break }
      x = previousX
      y = previousY
    }
    return pairs.reversed()
  }
}

/// Lines with the file each belongs to, from the line markers' include stack.
struct AttributedText {
  static let unit = "<unit>"
  private(set) var lines: [PreprocessedLine]
  /// For each line, the file it is in (a marker counts as in the file it leads to).
  private(set) var files: [String] = []
  /// The file the unit includes: the header itself.
  private(set) var header: String?

  init(_ lines: [PreprocessedLine]) {
    self.lines = lines
    var stack: [String] = []
    files.reserveCapacity(lines.count)
    for line in lines {
      if case .marker(let file, let flags) = line {
        if flags.contains(1) {
          if header == nil, stack.last == Self.unit { header = file }
          stack.append(file)
        } else if flags.contains(2) {
          if !stack.isEmpty { stack.removeLast() }
          if stack.isEmpty { stack.append(file) } else { stack[stack.count - 1] = file }
        }
      }
      files.append(stack.last ?? Self.unit)
    }
  }

  /// Macros whose `#define` and `#undef` lines outside the header are the only lines of either text
  /// that name them. When a line pastes tokens (`a##b`), a macro whose name begins with a name some
  /// line spells may be what a paste makes, so it is read. Names are kept as hashes (``NameHashes``):
  /// every identifier of both texts goes in, and a collision only keeps a macro's lines, which the
  /// comparison then reads.
  static func unreadMacros(_ texts: AttributedText..., builtins: BuiltinMacros) -> Set<Spelling> {
    var macros = Set<Spelling>()
    var named = NameHashes()
    var pastes = !builtins.pasting.isEmpty
    for text in texts {
      for (line, file) in zip(text.lines, text.files) {
        guard case .text(var bytes) = line else { continue }
        pastes = pastes || UnnamedChanges.pastes(bytes)
        if file != text.header, let macro = CTokens.macroName(bytes) {
          macros.insert(macro)
          bytes = bytes[macro.bytes.endIndex...]
        }
        CTokens.forEachTokenRange(in: bytes) { kind, range in
          if kind == .identifier { named.insert(bytes, range) }
        }
      }
    }
    let unread = macros.filter { !named.contains($0) && !builtins.namedInDefinitions.contains($0) }
    guard pastes, !unread.isEmpty else { return unread }
    for name in builtins.namedInDefinitions { named.insert(name) }
    return unread.filter { !named.mayHaveProperPrefix(of: $0) }
  }

  mutating func dropMacros(_ macros: Set<Spelling>) {
    guard !macros.isEmpty else { return }
    var keptLines: [PreprocessedLine] = []
    var keptFiles: [String] = []
    for (line, file) in zip(lines, files) {
      if file != header, case .text(let bytes) = line, let macro = CTokens.macroName(bytes), macros.contains(macro) { continue }
      keptLines.append(line)
      keptFiles.append(file)
    }
    lines = keptLines
    files = keptFiles
  }
}

/// Where top-level declarations begin and end in the new text, so that added lines are known to be
/// whole declarations: an added run must start where a declaration could (bracket depth 0 after a
/// `;`) and end the same way, or it would change a declaration the old text already had (a field
/// added to an included struct changes every record that embeds it).
private struct TopLevelItems {
  private var depth = 0
  private var atBoundary = true
  private var inAddedRun = false

  /// An old line follows: an added run before it must have closed its declarations.
  mutating func continueOld() -> Bool {
    defer { inAddedRun = false }
    return !inAddedRun || (depth == 0 && atBoundary)
  }

  /// An added line follows: a new run must begin between declarations.
  mutating func startAdded() -> Bool {
    defer { inAddedRun = true }
    return inAddedRun || (depth == 0 && atBoundary)
  }

  mutating func end() -> Bool { !inAddedRun || (depth == 0 && atBoundary) }

  mutating func scan(_ text: ArraySlice<UInt8>) {
    CTokens.forEachToken(in: text) { token in
      if case .punctuator(let byte) = token {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
        default: break
        }
        atBoundary = depth == 0 && byte == UInt8(ascii: ";")
      } else {
        atBoundary = false
      }
    }
  }
}
