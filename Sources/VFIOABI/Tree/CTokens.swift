/// Just enough of C's tokens, in preprocessed text, to tell identifiers from punctuators: string and
/// character literals and numbers are stepped over, so nothing inside them counts.
enum CTokens {
  enum Token {
    case identifier(Spelling)
    case punctuator(UInt8)
    /// A literal or a number.
    case constant
  }

  static func forEachToken(in text: ArraySlice<UInt8>, _ body: (Token) -> Void) {
    forEachTokenRange(in: text) { kind, range in
      switch kind {
      case .identifier: body(.identifier(Spelling(text[range])))
      case .punctuator: body(.punctuator(text[range.lowerBound]))
      case .constant: body(.constant)
      }
    }
  }

  /// What ``forEachTokenRange(in:_:)`` reports a token as, without its spelling.
  enum Kind { case identifier, punctuator, constant }

  /// The tokens as kinds and where they are: a caller that only hashes identifiers makes no slice of
  /// each (tree mode reads every identifier of both texts of every header).
  static func forEachTokenRange(in text: ArraySlice<UInt8>, _ body: (Kind, Range<Int>) -> Void) {
    var index = text.startIndex
    while index < text.endIndex {
      let byte = text[index]
      let start = index
      if MacroDefinitions.isIdentifier(byte) {
        while index < text.endIndex, MacroDefinitions.isIdentifier(text[index]) || text[index] == UInt8(ascii: ".") && isDigit(text[start]) {
          index += 1
        }
        // A number's suffixes and exponent letters are part of it, not identifiers.
        body(isDigit(text[start]) ? .constant : .identifier, start..<index)
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index += 1
        while index < text.endIndex, text[index] != byte {
          index += text[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        index += 1
        body(.constant, start..<min(index, text.endIndex))
      } else {
        index += 1
        if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { body(.punctuator, start..<index) }
      }
    }
  }

  /// The names a declaration line could declare: its identifiers except keywords and what
  /// `__attribute__((…))` holds (attribute names and their arguments declare nothing).
  static func declaredNames(_ text: ArraySlice<UInt8>) -> Set<Spelling> {
    var names = Set<Spelling>()
    var attributeDepth: Int?
    forEachToken(in: text) { token in
      switch token {
      case .identifier(let name) where attributeDepth == nil:
        if attributes.contains(name) {
          attributeDepth = 0
        } else if !keywords.contains(name) {
          names.insert(name)
        }
      case .punctuator(UInt8(ascii: "(")) where attributeDepth != nil: attributeDepth! += 1
      case .punctuator(UInt8(ascii: ")")) where attributeDepth != nil:
        attributeDepth! -= 1
        if attributeDepth == 0 { attributeDepth = nil }
      default: break
      }
    }
    return names
  }

  /// The name a `#define` line defines; nil for any other directive.
  static func definedName(_ text: ArraySlice<UInt8>) -> Spelling? { name(after: defineTag, in: text) }

  /// The name a `#define` or `#undef` line names; nil for any other line.
  static func macroName(_ text: ArraySlice<UInt8>) -> Spelling? {
    name(after: defineTag, in: text) ?? name(after: undefTag, in: text)
  }

  // Bytes, not strings: every line of both texts of every header is asked.
  private static let defineTag = Array("#define ".utf8)
  private static let undefTag = Array("#undef ".utf8)

  private static func name(after directive: [UInt8], in text: ArraySlice<UInt8>) -> Spelling? {
    guard text.first == UInt8(ascii: "#"), text.starts(with: directive) else { return nil }
    let name = text.dropFirst(directive.count).prefix(while: MacroDefinitions.isIdentifier)
    return name.isEmpty ? nil : Spelling(name)
  }

  /// A function-like macro's `#define` line with each parameter spelled by its position (byte 1, then
  /// the position's digits: no C token), in the list and in the body; any other line as it is. Two
  /// definitions that only name their parameters otherwise expand alike everywhere (the kernel's
  /// `_IOR(type,nr,size)` became `_IOR(type,nr,argtype)`, which every header defining ioctls includes).
  static func positionalParameters(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    guard let name = definedName(text)?.bytes, name.endIndex < text.endIndex, text[name.endIndex] == UInt8(ascii: "("),
      let close = text[name.endIndex...].firstIndex(of: UInt8(ascii: ")"))
    else { return text }
    var positions: [Spelling: Int] = [:]
    var result = Array(text[..<name.endIndex])
    result.reserveCapacity(text.count)
    // `(a,b,rest...)`: identifiers are parameters; the rest (commas, spaces, an ellipsis) is kept.
    var index = name.endIndex
    while index < close {
      guard isNamePart(text[index]) else {
        result.append(text[index])
        index += 1
        continue
      }
      let start = index
      while index < close, isNamePart(text[index]) { index += 1 }
      let position = positions.count
      positions[Spelling(text[start..<index])] = position
      result.append(contentsOf: placeholder(position))
    }
    index = close
    while index < text.endIndex {
      let byte = text[index]
      if isNamePart(byte) && !isDigit(byte) {
        let start = index
        while index < text.endIndex, isNamePart(text[index]) { index += 1 }
        if let position = positions[Spelling(text[start..<index])] {
          result.append(contentsOf: placeholder(position))
        } else {
          result.append(contentsOf: text[start..<index])
        }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        // A literal names no parameter: copied through its closing quote.
        let start = index
        index += 1
        while index < text.endIndex, text[index] != byte {
          index += text[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        index = min(index + 1, text.endIndex)
        result.append(contentsOf: text[start..<index])
      } else if isDigit(byte) {
        // A number's letters (`0x1fUL`, `1e5`) are no identifier.
        let start = index
        while index < text.endIndex, isNamePart(text[index]) || text[index] == UInt8(ascii: ".") { index += 1 }
        result.append(contentsOf: text[start..<index])
      } else {
        result.append(byte)
        index += 1
      }
    }
    return result[...]
  }

  /// A byte of an identifier, `$` included (clang takes it in names): a name is never split.
  private static func isNamePart(_ byte: UInt8) -> Bool { MacroDefinitions.isIdentifier(byte) || byte == UInt8(ascii: "$") }

  private static func placeholder(_ position: Int) -> [UInt8] { [1] + Array(String(position).utf8) }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private static let attributes: Set<Spelling> = ["__attribute__", "__attribute"]

  /// C23's keywords and GNU's spellings of them: they name nothing a declaration could declare.
  static let keywords: Set<Spelling> = """
    auto break case char const continue default do double else enum extern float for goto if inline int long \
    register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while \
    _Alignas _Alignof _Atomic _BitInt _Bool _Complex _Decimal32 _Decimal64 _Decimal128 _Generic _Imaginary \
    _Noreturn _Static_assert _Thread_local alignas alignof bool constexpr false nullptr static_assert \
    thread_local true typeof typeof_unqual __alignof __alignof__ __asm __asm__ asm __auto_type __bf16 \
    __const __const__ __extension__ __float128 __fp16 _Float16 __inline __inline__ __int128 __label__ \
    __restrict __restrict__ __signed __signed__ __typeof __typeof__ __volatile __volatile__
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).reduce(into: []) { $0.insert(Spelling(ArraySlice($1.utf8))) }
}
