/// A C type name as clang prints it, read into its structure so that every typedef in it — under an
/// array, a pointer, a function pointer's parameters and result — can be replaced by what it names,
/// then printed again as clang prints canonical types (`t a[4]` → `int[4]`, `fp` → `int (*)(int, char *)`).
///
/// Both readers print a field's canonical type through this one printer: the JSON AST's reader from the
/// type as written and the typedefs it has seen, the libclang reader from clang's own canonical type.
/// So the two agree by construction, and a record, union or enum without a tag prints the same from
/// either (`struct (unnamed)`), wherever clang placed it (`struct s::(unnamed at …)`).
indirect enum CanonicalType: Equatable, Sendable {
  /// A builtin type (`unsigned int`), a tag (`struct foo`) or a typedef the reader does not know.
  case named(String, qualifiers: Qualifiers)
  case pointer(CanonicalType, qualifiers: Qualifiers)
  /// `bound` as clang prints it, empty for `[]`.
  case array(CanonicalType, bound: String)
  /// `parameters` nil for a function without a prototype (`int ()`).
  case function(result: CanonicalType, parameters: [CanonicalType]?, variadic: Bool)

  struct Qualifiers: OptionSet, Sendable {
    let rawValue: UInt8
    static let const = Qualifiers(rawValue: 1)
    static let volatile = Qualifiers(rawValue: 2)
    static let restrict = Qualifiers(rawValue: 4)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(word: Substring) {
      switch word {
      case "const": self = .const
      case "volatile": self = .volatile
      case "restrict": self = .restrict
      default: return nil
      }
    }

    /// In the order clang prints them.
    var spelling: String {
      [(Qualifiers.const, "const"), (.volatile, "volatile"), (.restrict, "restrict")].filter { contains($0.0) }.map(\.1)
        .joined(separator: " ")
    }
  }

  /// The canonical spelling of `spelling` with each typedef name in `typedefs` replaced by its
  /// canonical type; nil when the spelling holds something this reader does not model (an attribute,
  /// `typeof`, `_Atomic`), for the caller to fall back on clang's own desugared spelling.
  static func spelling(of spelling: String, typedefs: [String: CanonicalType]) -> String? {
    parse(spelling, typedefs: typedefs)?.spelling
  }

  /// The type `spelling` names, typedefs replaced; nil as for ``spelling(of:typedefs:)``.
  static func parse(_ spelling: String, typedefs: [String: CanonicalType]) -> CanonicalType? {
    var parser = Parser(tokens: Tokenizer.tokens(HeaderDeclarations.withoutLocations(spelling)), typedefs: typedefs)
    guard let type = parser.typeName(), parser.atEnd else { return nil }
    return type
  }

  /// The type the first of `spellings` that this reader models names.
  static func parse(first spellings: [String?], typedefs: [String: CanonicalType]) -> CanonicalType? {
    for case let spelling? in spellings {
      if let type = parse(spelling, typedefs: typedefs) { return type }
    }
    return nil
  }

  /// The type printed as clang prints a type name: `int *const`, `int (*)[4]`, `void (*)(void)`.
  var spelling: String { declaration("") }

  /// This type around `declarator`, the part of the type name already printed to its right.
  private func declaration(_ declarator: String) -> String {
    switch self {
    case .named(let name, let qualifiers):
      let base = qualifiers.isEmpty ? name : "\(qualifiers.spelling) \(name)"
      if declarator.isEmpty { return base }
      return declarator.hasPrefix("[") ? base + declarator : "\(base) \(declarator)"
    case .pointer(let pointee, let qualifiers):
      var inner = "*"
      if !qualifiers.isEmpty { inner += qualifiers.spelling + (declarator.isEmpty ? "" : " ") }
      inner += declarator
      switch pointee {
      case .array, .function: inner = "(\(inner))"
      case .named, .pointer: break
      }
      return pointee.declaration(inner)
    case .array(let element, let bound):
      return element.declaration("\(declarator)[\(bound)]")
    case .function(let result, let parameters, let variadic):
      var list = parameters.map { $0.map(\.spelling) } ?? []
      if variadic { list.append("...") }
      let text = parameters == nil || !list.isEmpty ? list.joined(separator: ", ") : "void"
      return result.declaration("\(declarator)(\(text))")
    }
  }

  /// A parameter as a function's canonical type holds it: an array or a function becomes a pointer,
  /// and its own qualifiers go (they bind only the callee's copy).
  var adjustedParameter: CanonicalType {
    switch self {
    case .named(let name, _): return .named(name, qualifiers: [])
    case .pointer(let pointee, _): return .pointer(pointee, qualifiers: [])
    case .array(let element, _): return .pointer(element, qualifiers: [])
    case .function: return .pointer(self, qualifiers: [])
    }
  }

  /// `qualifiers` applied as C applies them to a typedef's type: an array's go to its elements.
  func qualified(_ qualifiers: Qualifiers) -> CanonicalType {
    guard !qualifiers.isEmpty else { return self }
    switch self {
    case .named(let name, let own): return .named(name, qualifiers: own.union(qualifiers))
    case .pointer(let pointee, let own): return .pointer(pointee, qualifiers: own.union(qualifiers))
    case .array(let element, let bound): return .array(element.qualified(qualifiers), bound: bound)
    case .function: return self
    }
  }
}

/// Words, numbers and punctuation of a type name. A parenthesised group right after `struct`, `union`
/// or `enum` (what stays of `(unnamed struct at …)` once the location is dropped) is one token.
private enum Tokenizer {
  static func tokens(_ text: String) -> [Substring] {
    var tokens: [Substring] = []
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if character == " " {
        index = text.index(after: index)
      } else if character.isLetter || character.isNumber || character == "_" {
        var end = index
        while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" { end = text.index(after: end) }
        tokens.append(text[index..<end])
        index = end
      } else if character == ":", text[index...].hasPrefix("::") {
        let end = text.index(index, offsetBy: 2)
        tokens.append(text[index..<end])
        index = end
      } else if character == ".", text[index...].hasPrefix("...") {
        let end = text.index(index, offsetBy: 3)
        tokens.append(text[index..<end])
        index = end
      } else if character == "(", let last = tokens.last, ["struct", "union", "enum", "::"].contains(last),
        let close = text[index...].firstIndex(of: ")")
      {
        let end = text.index(after: close)
        tokens.append(text[index..<end])
        index = end
      } else {
        let end = text.index(after: index)
        tokens.append(text[index..<end])
        index = end
      }
    }
    return tokens
  }
}

/// A recursive-descent reader of the type names clang prints: specifiers, then an abstract declarator
/// of pointers, parentheses, array bounds and parameter lists.
private struct Parser {
  let tokens: [Substring]
  let typedefs: [String: CanonicalType]
  var position = 0
  /// Parameter lists and parentheses nest no deeper than this in any real header.
  private var depth = 0
  private static let depthLimit = 64

  init(tokens: [Substring], typedefs: [String: CanonicalType]) {
    self.tokens = tokens
    self.typedefs = typedefs
  }

  var atEnd: Bool { position == tokens.count }
  private var next: Substring? { position < tokens.count ? tokens[position] : nil }

  private mutating func take(_ token: Substring) -> Bool {
    guard next == token else { return false }
    position += 1
    return true
  }

  private static func isWord(_ token: Substring) -> Bool {
    guard let first = token.first else { return false }
    return first.isLetter || first == "_"
  }

  private static let unmodelled: Set<Substring> = [
    "__attribute__", "typeof", "__typeof__", "__typeof", "_Atomic", "_Nonnull", "_Nullable", "_Null_unspecified",
    "__kindof", "_BitInt", "__ptrauth",
  ]

  mutating func typeName() -> CanonicalType? {
    depth += 1
    defer { depth -= 1 }
    guard depth < Self.depthLimit, let base = specifiers() else { return nil }
    return declarator()?(base)
  }

  /// Qualifiers, and a tag, builtin words or one typedef name.
  private mutating func specifiers() -> CanonicalType? {
    var qualifiers = CanonicalType.Qualifiers()
    var words: [Substring] = []
    var resolved: CanonicalType?
    while let token = next, Self.isWord(token) {
      guard !Self.unmodelled.contains(token) else { return nil }
      if let qualifier = CanonicalType.Qualifiers(word: token) {
        qualifiers.insert(qualifier)
        position += 1
        continue
      }
      position += 1
      // A word after a tag or a typedef name would be a declarator's name: clang prints none.
      guard resolved == nil else { return nil }
      if ["struct", "union", "enum"].contains(token) {
        guard words.isEmpty, let tag = tag() else { return nil }
        resolved = .named("\(token) \(tag)", qualifiers: [])
      } else if words.isEmpty, let known = typedefs[String(token)] {
        resolved = known
      } else {
        words.append(token)
      }
    }
    if let resolved { return resolved.qualified(qualifiers) }
    guard !words.isEmpty else { return nil }
    return .named(words.joined(separator: " "), qualifiers: qualifiers)
  }

  /// A tag's name; a record or enum without one, wherever clang placed it, is `(unnamed)`.
  private mutating func tag() -> String? {
    var last: Substring?
    repeat {
      guard let token = next, Self.isWord(token) || token.hasPrefix("(") else { return nil }
      last = token
      position += 1
    } while take("::")
    guard let last else { return nil }
    return last.hasPrefix("(") ? "(unnamed)" : String(last)
  }

  /// An abstract declarator, as the function that wraps the type it declares.
  private mutating func declarator() -> ((CanonicalType) -> CanonicalType)? {
    depth += 1
    defer { depth -= 1 }
    guard depth < Self.depthLimit else { return nil }
    var pointers: [CanonicalType.Qualifiers] = []
    while take("*") {
      var qualifiers = CanonicalType.Qualifiers()
      while let token = next, let qualifier = CanonicalType.Qualifiers(word: token) {
        qualifiers.insert(qualifier)
        position += 1
      }
      pointers.append(qualifiers)
    }
    var nested: ((CanonicalType) -> CanonicalType)?
    if next == "(", position + 1 < tokens.count, ["*", "("].contains(tokens[position + 1]) {
      position += 1
      guard let inner = declarator(), take(")") else { return nil }
      nested = inner
    }
    var suffixes: [(CanonicalType) -> CanonicalType] = []
    while let token = next {
      if token == "[" {
        position += 1
        var bound = ""
        if let size = next, size != "]" {
          guard size.allSatisfy(\.isNumber) else { return nil }
          bound = String(size)
          position += 1
        }
        guard take("]") else { return nil }
        suffixes.append { .array($0, bound: bound) }
      } else if token == "(" {
        position += 1
        guard let list = parameters() else { return nil }
        suffixes.append { .function(result: $0, parameters: list.parameters, variadic: list.variadic) }
      } else {
        break
      }
    }
    return { base in
      var type = base
      for qualifiers in pointers { type = .pointer(type, qualifiers: qualifiers) }
      for suffix in suffixes.reversed() { type = suffix(type) }
      return nested.map { $0(type) } ?? type
    }
  }

  /// A parameter list after its `(`, through its `)`.
  private mutating func parameters() -> (parameters: [CanonicalType]?, variadic: Bool)? {
    if take(")") { return (nil, false) }
    var list: [CanonicalType] = []
    var variadic = false
    repeat {
      if take("...") {
        variadic = true
        break
      }
      guard let parameter = typeName() else { return nil }
      list.append(parameter.adjustedParameter)
    } while take(",")
    guard take(")") else { return nil }
    if list == [.named("void", qualifiers: [])], !variadic { list = [] }
    return (list, variadic)
  }
}
