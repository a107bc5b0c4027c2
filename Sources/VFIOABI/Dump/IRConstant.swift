/// An `i64` array constant as LLVM IR spells it, after the linkage words: a type, then a value.
/// clang writes `[N x i64] [i64 V, …]`, `[N x i64] zeroinitializer`, or, for an array ending in zeros,
/// a packed struct of pieces, `<{ i64, [M x i64] }> <{ i64 V, [M x i64] zeroinitializer }>`.
struct IRConstant {
  /// The line's bytes and its tokens as ranges of them: a probe's line runs to millions of bytes, read
  /// byte by byte rather than as characters.
  private let bytes: [UInt8]
  private var tokens: [Range<Int>] = []
  private var position = 0
  /// Bounds the elements read (a probe asks two per question; no header asks millions) and the nesting
  /// of types and values (clang writes two levels), so no line makes the reader allocate or recurse
  /// without end.
  static let elementLimit = 1 << 24
  static let depthLimit = 16

  init(_ text: String) { self.init(bytes: Array(text.utf8)[...]) }

  init(bytes line: ArraySlice<UInt8>) {
    bytes = Array(line)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: " ") {
        index += 1
      } else if index + 1 < bytes.count,
        (byte == UInt8(ascii: "<") && bytes[index + 1] == UInt8(ascii: "{"))
          || (byte == UInt8(ascii: "}") && bytes[index + 1] == UInt8(ascii: ">"))
      {
        tokens.append(index..<(index + 2))
        index += 2
      } else if Self.isPunctuation(byte) {
        tokens.append(index..<(index + 1))
        index += 1
      } else {
        // A lone `<` or `}` (no IR clang writes) is a token of its own, so the scan always moves on.
        var end = index + 1
        while end < bytes.count, !Self.endsWord(bytes[end]) { end += 1 }
        tokens.append(index..<end)
        index = end
      }
    }
  }

  private static func isPunctuation(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ",")
  }

  private static func endsWord(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || isPunctuation(byte) || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "}")
  }

  /// Every element, zeros of `zeroinitializer` pieces included.
  mutating func elements() throws(ABIError) -> [Int64] {
    while let token = peek, !matches(token, "["), !matches(token, "<{") { position += 1 }
    let count = try type(depth: 0)
    var numbers: [Int64] = []
    numbers.reserveCapacity(min(count, tokens.count))
    try value(count: count, into: &numbers, depth: 0)
    return numbers
  }

  private var peek: Range<Int>? { position < tokens.count ? tokens[position] : nil }

  private func matches(_ token: Range<Int>, _ text: StaticString) -> Bool {
    guard token.count == text.utf8CodeUnitCount else { return false }
    for offset in 0..<token.count where bytes[token.lowerBound + offset] != text.utf8Start[offset] { return false }
    return true
  }

  private func text(_ token: Range<Int>) -> String { String(decoding: bytes[token], as: UTF8.self) }

  /// A decimal `Int64`, as `Int64(_:)` reads it: an optional sign, then digits only.
  private func number(_ token: Range<Int>) -> Int64? {
    var index = token.lowerBound
    var negative = false
    if index < token.upperBound, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    guard index < token.upperBound else { return nil }
    var value: Int64 = 0
    while index < token.upperBound {
      let byte = bytes[index]
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let digit = Int64(byte - UInt8(ascii: "0"))
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
      guard !overflow, !overflow2 else { return nil }
      value = sum
      index += 1
    }
    return value
  }

  private mutating func next() throws(ABIError) -> Range<Int> {
    guard let token = peek else { throw .unexpectedClangOutput("IR constant ends early") }
    position += 1
    return token
  }

  private mutating func expect(_ expected: StaticString) throws(ABIError) {
    let found = try next()
    guard matches(found, expected) else { throw .unexpectedClangOutput("IR constant: expected \(expected), found \(text(found))") }
  }

  /// `i64` (one element), `[N x i64]` (N), `<{ T, … }>` (their sum).
  private mutating func type(depth: Int) throws(ABIError) -> Int {
    guard depth < Self.depthLimit else { throw .unexpectedClangOutput("IR constant nested too deep") }
    let token = try next()
    if matches(token, "i64") { return 1 }
    if matches(token, "[") {
      guard let count = number(try next()).flatMap({ Int(exactly: $0) }), (0...Self.elementLimit).contains(count) else {
        throw .unexpectedClangOutput("IR constant: array length")
      }
      try expect("x")
      try expect("i64")
      try expect("]")
      return count
    }
    if matches(token, "<{") {
      var total = 0
      while true {
        total += try type(depth: depth + 1)
        guard total <= Self.elementLimit else { throw .unexpectedClangOutput("IR constant: \(total) elements") }
        let separator = try next()
        if matches(separator, "}>") { return total }
        guard matches(separator, ",") else { throw .unexpectedClangOutput("IR constant: \(text(separator)) in a struct type") }
      }
    }
    throw .unexpectedClangOutput("IR constant: type \(text(token))")
  }

  /// A value of a type holding `count` elements.
  private mutating func value(count: Int, into numbers: inout [Int64], depth: Int) throws(ABIError) {
    guard depth < Self.depthLimit else { throw .unexpectedClangOutput("IR constant nested too deep") }
    let token = try next()
    if matches(token, "zeroinitializer") {
      guard numbers.count + count <= Self.elementLimit else {
        throw .unexpectedClangOutput("IR constant: \(numbers.count + count) elements")
      }
      numbers.append(contentsOf: repeatElement(0, count: count))
    } else if matches(token, "[") || matches(token, "<{") {
      let close: StaticString = matches(token, "[") ? "]" : "}>"
      if let next = peek, matches(next, close) {
        position += 1
        return
      }
      while true {
        let elementCount = try type(depth: depth + 1)
        try value(count: elementCount, into: &numbers, depth: depth + 1)
        let separator = try next()
        if matches(separator, close) { return }
        guard matches(separator, ",") else { throw .unexpectedClangOutput("IR constant: \(text(separator)) in a value") }
      }
    } else {
      guard count == 1, let number = number(token) else { throw .unexpectedClangOutput("IR constant: value \(text(token))") }
      numbers.append(number)
    }
  }
}
