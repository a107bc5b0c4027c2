/// An `i64` array constant as LLVM IR spells it, after the linkage words: a type, then a value.
/// clang writes `[N x i64] [i64 V, …]`, `[N x i64] zeroinitializer`, or, for an array ending in zeros,
/// a packed struct of pieces, `<{ i64, [M x i64] }> <{ i64 V, [M x i64] zeroinitializer }>`.
struct IRConstant {
  private var tokens: [Substring]
  private var position = 0
  /// Bounds the elements read (a probe asks two per question; no header asks millions) and the nesting
  /// of types and values (clang writes two levels), so no line makes the reader allocate or recurse
  /// without end.
  static let elementLimit = 1 << 24
  static let depthLimit = 16

  init(_ text: String) {
    var tokens: [Substring] = []
    var index = text.startIndex
    while index < text.endIndex {
      let c = text[index]
      if c == " " {
        index = text.index(after: index)
      } else if text[index...].hasPrefix("<{") || text[index...].hasPrefix("}>") {
        let end = text.index(index, offsetBy: 2)
        tokens.append(text[index..<end])
        index = end
      } else if "[],".contains(c) {
        tokens.append(text[index...index])
        index = text.index(after: index)
      } else {
        // A lone `<` or `}` (no IR clang writes) is a token of its own, so the scan always moves on.
        let rest = text[text.index(after: index)...]
        let end = rest.firstIndex(where: { " [],<}".contains($0) }) ?? text.endIndex
        tokens.append(text[index..<end])
        index = end
      }
    }
    self.tokens = tokens
  }

  /// Every element, zeros of `zeroinitializer` pieces included.
  mutating func elements() throws(ABIError) -> [Int64] {
    while let token = peek, token != "[" && token != "<{" { position += 1 }
    let count = try type(depth: 0)
    var numbers: [Int64] = []
    try value(count: count, into: &numbers, depth: 0)
    return numbers
  }

  private var peek: Substring? { position < tokens.count ? tokens[position] : nil }

  private mutating func next() throws(ABIError) -> Substring {
    guard let token = peek else { throw .unexpectedClangOutput("IR constant ends early") }
    position += 1
    return token
  }

  private mutating func expect(_ token: Substring) throws(ABIError) {
    let found = try next()
    guard found == token else { throw .unexpectedClangOutput("IR constant: expected \(token), found \(found)") }
  }

  /// `i64` (one element), `[N x i64]` (N), `<{ T, … }>` (their sum).
  private mutating func type(depth: Int) throws(ABIError) -> Int {
    guard depth < Self.depthLimit else { throw .unexpectedClangOutput("IR constant nested too deep") }
    let token = try next()
    switch token {
    case "i64": return 1
    case "[":
      guard let count = Int(try next()), (0...Self.elementLimit).contains(count) else {
        throw .unexpectedClangOutput("IR constant: array length")
      }
      try expect("x")
      try expect("i64")
      try expect("]")
      return count
    case "<{":
      var total = 0
      while true {
        total += try type(depth: depth + 1)
        guard total <= Self.elementLimit else { throw .unexpectedClangOutput("IR constant: \(total) elements") }
        let separator = try next()
        if separator == "}>" { return total }
        guard separator == "," else { throw .unexpectedClangOutput("IR constant: \(separator) in a struct type") }
      }
    default:
      throw .unexpectedClangOutput("IR constant: type \(token)")
    }
  }

  /// A value of a type holding `count` elements.
  private mutating func value(count: Int, into numbers: inout [Int64], depth: Int) throws(ABIError) {
    guard depth < Self.depthLimit else { throw .unexpectedClangOutput("IR constant nested too deep") }
    let token = try next()
    switch token {
    case "zeroinitializer":
      guard numbers.count + count <= Self.elementLimit else {
        throw .unexpectedClangOutput("IR constant: \(numbers.count + count) elements")
      }
      numbers.append(contentsOf: repeatElement(0, count: count))
    case "[", "<{":
      let close: Substring = token == "[" ? "]" : "}>"
      if peek == close { position += 1; return }
      while true {
        let elementCount = try type(depth: depth + 1)
        try value(count: elementCount, into: &numbers, depth: depth + 1)
        let separator = try next()
        if separator == close { return }
        guard separator == "," else { throw .unexpectedClangOutput("IR constant: \(separator) in a value") }
      }
    default:
      guard count == 1, let number = Int64(token) else { throw .unexpectedClangOutput("IR constant: value \(token)") }
      numbers.append(number)
    }
  }
}
