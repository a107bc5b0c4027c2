/// Whether the changes between a header's two preprocessed texts all lie in declarations and macros of
/// other files that nothing the header's own lines depend on names. The header's manifest holds its
/// own records, enumerators and macros, each of which means what its own tokens and the declarations
/// and macros they name, directly or through one another, mean; what it includes is read only for a
/// declaration the header lost, and with its own lines unchanged it loses none. So a field added to
/// `struct kvm_run` changes nothing `linux/kvm_para.h` declares unless one of its lines leads to that
/// struct — and the header that declares `struct kvm_run` reports it.
enum UnnamedChanges {
  /// True when the header's own lines are the same, every changed line belongs to a whole declaration
  /// or a `#define`/`#undef` of another file, and no name those declare or define is reachable from
  /// the header's own lines through the declarations and macros of either text.
  /// `builtins`: clang's built-in macros, left out of both texts, reached as their lines would be;
  /// `matches`: the old lines kept in the new text (``LineMatching/kept(_:in:)``).
  static func settle(
    old: AttributedText, new: AttributedText, matches: [(Int, Int)], header: String, builtins: BuiltinMacros
  ) -> Bool {
    let isOwn = { (file: String) in file == header || file == AttributedText.unit }
    guard ownLines(old, isOwn) == ownLines(new, isOwn) else { return false }
    var keptOld = [Bool](repeating: false, count: old.lines.count)
    var keptNew = [Bool](repeating: false, count: new.lines.count)
    for (oldIndex, newIndex) in matches {
      keptOld[oldIndex] = true
      keptNew[newIndex] = true
    }
    let oldItems = Items(old)
    let newItems = Items(new)
    var changed = Set<Spelling>()
    for (items, text, kept) in [(oldItems, old, keptOld), (newItems, new, keptNew)] {
      guard let names = items.changedNames(text, kept: kept, isOwn: isOwn) else { return false }
      changed.formUnion(names)
    }
    guard !changed.isEmpty else { return true }
    // What the header's own lines name, closed over the declarations and macros that define those names.
    var reached = Set<Spelling>()
    var reachedHashes = NameHashes()
    var pending: [Spelling] = []
    let reach = { (name: Spelling) in
      if reached.insert(name).inserted {
        pending.append(name)
        reachedHashes.insert(name)
      }
    }
    for (index, line) in old.lines.enumerated() where isOwn(old.files[index]) {
      if case .text(let bytes) = line { forEachIdentifier(in: bytes, reach) }
    }
    var pastes = ownLines(old, isOwn).contains { if case .text(let bytes) = $0 { Self.pastes(bytes) } else { false } }
    var visited = [Set<Int>](repeating: [], count: 2)
    var visitedBuiltins = Set<Spelling>()
    let sides = [oldItems, newItems]
    while true {
      while let name = pending.popLast() {
        if changed.contains(name) { return false }
        for (side, items) in sides.enumerated() {
          for item in items.declaring[name] ?? [] where visited[side].insert(item).inserted {
            pastes = pastes || items.pastes[item]
            for identifier in items.identifiers[item] { reach(identifier) }
          }
        }
        if let identifiers = builtins.identifiersByName[name], visitedBuiltins.insert(name).inserted {
          pastes = pastes || builtins.pasting.contains(name)
          for identifier in identifiers { reach(identifier) }
        }
      }
      // `a##b` makes a name no line spells, which begins with a name a line spells (the left operand's
      // argument, or what it expands to): every name so begun counts as named.
      guard pastes else { return true }
      for name in Set(oldItems.declaring.keys).union(newItems.declaring.keys).union(builtins.identifiersByName.keys)
      where !reached.contains(name) {
        if reachedHashes.mayHaveProperPrefix(of: name) { reach(name) }
      }
      guard !pending.isEmpty else { return true }
    }
  }

  /// Whether a line pastes tokens together (`##`, outside literals).
  static func pastes(_ text: ArraySlice<UInt8>) -> Bool {
    guard text.first == UInt8(ascii: "#") else { return false }
    var previousHash = false
    var found = false
    CTokens.forEachToken(in: text.dropFirst()) { token in
      if case .punctuator(UInt8(ascii: "#")) = token {
        if previousHash { found = true }
        previousHash = true
      } else {
        previousHash = false
      }
    }
    return found
  }

  private static func ownLines(_ text: AttributedText, _ isOwn: (String) -> Bool) -> [PreprocessedLine] {
    zip(text.lines, text.files).filter { isOwn($0.1) }.map(\.0)
  }

  static func forEachIdentifier(in text: ArraySlice<UInt8>, _ body: (Spelling) -> Void) {
    CTokens.forEachToken(in: text) { token in
      if case .identifier(let name) = token { body(name) }
    }
  }

  /// A text cut into items: each directive line on its own, and the lines of each top-level
  /// declaration (up to a `;` outside brackets) together.
  private struct Items {
    /// For each line, its item (nil for a line marker).
    var itemOfLine: [Int?] = []
    /// Each item's identifiers, and whether it is a directive.
    var identifiers: [[Spelling]] = []
    var isDirective: [Bool] = []
    /// Whether each item is a macro definition that pastes tokens.
    var pastes: [Bool] = []
    /// Each item's file-scope names: what a `#define` or `#undef` names, what a declaration declares
    /// (``FileScopeNames``).
    var declared: [Set<Spelling>] = []
    /// The items declaring or defining each name.
    var declaring: [Spelling: [Int]] = [:]

    init(_ text: AttributedText) {
      itemOfLine.reserveCapacity(text.lines.count)
      var open: Int?
      var scanner = FileScopeNames()
      var depth = 0
      var atBoundary = true
      for line in text.lines {
        guard case .text(let bytes) = line else {
          itemOfLine.append(nil)
          continue
        }
        if bytes.first == UInt8(ascii: "#") {
          var names: [Spelling] = []
          forEachIdentifier(in: bytes) { names.append($0) }
          itemOfLine.append(identifiers.count)
          identifiers.append(names)
          isDirective.append(true)
          pastes.append(UnnamedChanges.pastes(bytes))
          declared.append(CTokens.macroName(bytes).map { [$0] } ?? [])
          continue
        }
        let item: Int
        if let open {
          item = open
        } else {
          item = identifiers.count
          identifiers.append([])
          isDirective.append(false)
          pastes.append(false)
          declared.append([])
          scanner = FileScopeNames()
          open = item
        }
        itemOfLine.append(item)
        CTokens.forEachToken(in: bytes) { token in
          scanner.consume(token)
          switch token {
          case .identifier(let name):
            identifiers[item].append(name)
            atBoundary = false
          case .punctuator(let byte):
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
            atBoundary = depth == 0 && byte == UInt8(ascii: ";")
          case .constant: atBoundary = false
          }
        }
        if depth == 0 && atBoundary {
          declared[item] = scanner.finish()
          open = nil
        }
      }
      if let open { declared[open] = scanner.finish() }
      for (item, names) in declared.enumerated() {
        for name in names { declaring[name, default: []].append(item) }
      }
    }

    /// The names the items holding a line not kept declare or define; nil when such a line is the
    /// header's own, or a directive other than `#define` and `#undef` (a `#pragma pack` changes every
    /// layout after it).
    func changedNames(_ text: AttributedText, kept: [Bool], isOwn: (String) -> Bool) -> Set<Spelling>? {
      var changedItems = Set<Int>()
      for (index, item) in itemOfLine.enumerated() where !kept[index] {
        guard let item else { continue }
        changedItems.insert(item)
      }
      var names = Set<Spelling>()
      for item in changedItems {
        if isDirective[item] && declared[item].isEmpty { return nil }
        names.formUnion(declared[item])
      }
      // A changed item with a line of the header's own is the header's own change.
      for (index, item) in itemOfLine.enumerated() {
        if let item, changedItems.contains(item), isOwn(text.files[index]) { return nil }
      }
      return names
    }
  }
}

/// The names a top-level declaration puts in file scope, read token by token, erring on the side of
/// too many: identifiers outside braces (declarators, and parameter names and types spelled alone,
/// which declare nothing but cost only a needless dump), except a type name directly followed by
/// another name or a `*` (`__u32 x`); tags followed by `{` (nested ones too, which C puts in file
/// scope) or by `;`; every identifier of an enum's body (its enumerators). Keywords and what
/// `__attribute__((…))` holds declare nothing.
struct FileScopeNames {
  private var names = Set<Spelling>()
  private var braces = 0
  private var enumBodies: [Int] = []
  private var attributeDepth: Int?
  /// `struct`, `union` or `enum` seen, and the tag after it when it came.
  private var tagKeyword: Spelling?
  private var tag: Spelling?
  /// An identifier outside braces, declared unless the next token is a name or `*`.
  private var pendingName: Spelling?

  mutating func consume(_ token: CTokens.Token) {
    if attributeDepth != nil {
      switch token {
      case .punctuator(UInt8(ascii: "(")): attributeDepth! += 1
      case .punctuator(UInt8(ascii: ")")):
        attributeDepth! -= 1
        if attributeDepth == 0 { attributeDepth = nil }
      default: break
      }
      return
    }
    if case .identifier(let name) = token, Self.attributes.contains(name) {
      attributeDepth = 0
      return
    }
    if let pending = pendingName {
      pendingName = nil
      switch token {
      case .identifier(let name) where !Self.keywords.contains(name) || Self.tagKeywords.contains(name): break
      case .punctuator(UInt8(ascii: "*")): break
      default: names.insert(pending)
      }
    }
    if let keyword = tagKeyword {
      if tag == nil, case .identifier(let name) = token, !Self.keywords.contains(name) {
        tag = name
        return
      }
      tagKeyword = nil
      let tagged = tag
      tag = nil
      switch token {
      case .punctuator(UInt8(ascii: "{")):
        if let tagged { names.insert(tagged) }
        braces += 1
        if keyword == "enum" { enumBodies.append(braces) }
        return
      case .punctuator(UInt8(ascii: ";")):
        if let tagged { names.insert(tagged) }
        return
      default: break
      }
    }
    switch token {
    case .identifier(let name):
      if Self.tagKeywords.contains(name) {
        tagKeyword = name
      } else if Self.keywords.contains(name) {
        break
      } else if enumBodies.last == braces && braces > 0 {
        names.insert(name)
      } else if braces == 0 {
        pendingName = name
      }
    case .punctuator(UInt8(ascii: "{")): braces += 1
    case .punctuator(UInt8(ascii: "}")):
      if enumBodies.last == braces { enumBodies.removeLast() }
      braces -= 1
    default: break
    }
  }

  mutating func finish() -> Set<Spelling> {
    if let pendingName { names.insert(pendingName) }
    if let tag { names.insert(tag) }
    return names
  }

  private static let attributes: Set<Spelling> = ["__attribute__", "__attribute", "__asm__", "__asm", "asm"]
  private static let tagKeywords: Set<Spelling> = ["struct", "union", "enum"]
  private static var keywords: Set<Spelling> { CTokens.keywords }
}
