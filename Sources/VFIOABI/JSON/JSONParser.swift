/// A JSON reader over bytes for clang's output: one value, or several written one after another (what
/// `-ast-dump-filter` prints). Iterative, so nesting costs heap rather than stack, and bounded in depth:
/// clang indents its JSON by depth, so a deeply nested header makes output quadratic in its size, and
/// stopping at the first too-deep line refuses it in time.
struct JSONParser {
  private let bytes: [UInt8]
  private let depthLimit: Int
  private var index = 0

  private init(_ bytes: [UInt8], depthLimit: Int) {
    self.bytes = bytes
    self.depthLimit = depthLimit
  }

  /// Every top-level value in `bytes`, in order; nesting deeper than `depthLimit` is refused with
  /// `tooDeep` as soon as it is reached.
  static func values(_ bytes: [UInt8], depthLimit: Int, tooDeep: ABIError) throws(ABIError) -> [JSONValue] {
    var parser = JSONParser(bytes, depthLimit: depthLimit)
    do {
      return try parser.all()
    } catch {
      if parser.tooDeep { throw tooDeep }
      throw error
    }
  }

  /// Each top-level value in `bytes` (the first `limit` when given), handed to `body` as soon as it is
  /// read and not kept: a batch's output holds one JSON AST per translation unit, and only one at a
  /// time need be in memory.
  static func forEach(
    _ bytes: [UInt8], limit: Int = .max, depthLimit: Int, tooDeep: ABIError, _ body: (JSONValue) throws(ABIError) -> Void
  ) throws(ABIError) {
    var parser = JSONParser(bytes, depthLimit: depthLimit)
    var count = 0
    parser.skipSpace()
    while parser.index < parser.bytes.count, count < limit {
      count += 1
      let value: JSONValue
      do {
        value = try parser.value()
      } catch {
        if parser.tooDeep { throw tooDeep }
        throw error
      }
      try body(value)
      parser.skipSpace()
    }
  }

  private var tooDeep = false

  private mutating func all() throws(ABIError) -> [JSONValue] {
    var values: [JSONValue] = []
    skipSpace()
    while index < bytes.count {
      values.append(try value())
      skipSpace()
    }
    return values
  }

  /// The containers being filled, innermost last. Members and elements live in their own stacks and
  /// are appended to in place, so a large array is never copied while it grows.
  private struct Containers {
    var isObject: [Bool] = []
    var objects: [[(key: String, value: JSONValue)]] = []
    var pendingKeys: [String?] = []
    var arrays: [[JSONValue]] = []
  }

  private mutating func value() throws(ABIError) -> JSONValue {
    var open = Containers()
    while true {
      skipSpace()
      var completed: JSONValue
      if open.isObject.last == true, open.pendingKeys[open.pendingKeys.count - 1] == nil {
        // Expecting a key or the end of an empty object.
        guard index < bytes.count else { throw fail("unterminated object") }
        if bytes[index] == UInt8(ascii: "}") && open.objects[open.objects.count - 1].isEmpty {
          index += 1
          open.isObject.removeLast()
          open.objects.removeLast()
          open.pendingKeys.removeLast()
          completed = .object([])
        } else {
          let key = try string()
          skipSpace()
          try expect(UInt8(ascii: ":"))
          open.pendingKeys[open.pendingKeys.count - 1] = key
          continue
        }
      } else {
        guard index < bytes.count else { throw fail("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
          index += 1
          guard open.isObject.count < depthLimit else {
            tooDeep = true
            throw fail("nesting deeper than \(depthLimit)")
          }
          open.isObject.append(true)
          open.objects.append([])
          open.pendingKeys.append(nil)
          continue
        case UInt8(ascii: "["):
          index += 1
          guard open.isObject.count < depthLimit else {
            tooDeep = true
            throw fail("nesting deeper than \(depthLimit)")
          }
          skipSpace()
          if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            completed = .array([])
          } else {
            open.isObject.append(false)
            open.arrays.append([])
            continue
          }
        case UInt8(ascii: "\""): completed = .string(try string())
        case UInt8(ascii: "t"): try literal("true"); completed = .bool(true)
        case UInt8(ascii: "f"): try literal("false"); completed = .bool(false)
        case UInt8(ascii: "n"): try literal("null"); completed = .null
        default: completed = .number(try number())
        }
      }
      // Hand the completed value to its container; close the containers that end here.
      while let isObject = open.isObject.last {
        skipSpace()
        guard index < bytes.count else { throw fail("unterminated container") }
        let next = bytes[index]
        index += 1
        if isObject {
          let top = open.objects.count - 1
          guard let key = open.pendingKeys[top] else { throw fail("value without a key") }
          open.objects[top].append((key, completed))
          open.pendingKeys[top] = nil
          guard next != UInt8(ascii: ",") else { break }
          guard next == UInt8(ascii: "}") else { throw fail("expected , or }") }
          open.isObject.removeLast()
          open.pendingKeys.removeLast()
          completed = .object(open.objects.removeLast())
        } else {
          let top = open.arrays.count - 1
          open.arrays[top].append(completed)
          guard next != UInt8(ascii: ",") else { break }
          guard next == UInt8(ascii: "]") else { throw fail("expected , or ]") }
          open.isObject.removeLast()
          completed = .array(open.arrays.removeLast())
        }
      }
      if open.isObject.isEmpty { return completed }
    }
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      index += 1
    }
  }

  private mutating func expect(_ byte: UInt8) throws(ABIError) {
    guard index < bytes.count, bytes[index] == byte else { throw fail("expected \(Character(Unicode.Scalar(byte)))") }
    index += 1
  }

  private mutating func literal(_ word: StaticString) throws(ABIError) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw fail("truncated literal") }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw fail("bad literal") }
    index += count
  }

  private mutating func number() throws(ABIError) -> String {
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      let isNumeric =
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
        || byte == UInt8(ascii: "E")
      guard isNumeric else { break }
      index += 1
    }
    guard index > start else { throw fail("unexpected character") }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private mutating func string() throws(ABIError) -> String {
    try expect(UInt8(ascii: "\""))
    let start = index
    // Fast path: no escapes.
    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
    guard index < bytes.count else { throw fail("unterminated string") }
    if bytes[index] == UInt8(ascii: "\"") {
      index += 1
      return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
    }
    var scalars = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
      guard byte == UInt8(ascii: "\\") else {
        scalars.append(byte)
        continue
      }
      guard index < bytes.count else { break }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "n"): scalars.append(0x0A)
      case UInt8(ascii: "t"): scalars.append(0x09)
      case UInt8(ascii: "r"): scalars.append(0x0D)
      case UInt8(ascii: "b"): scalars.append(0x08)
      case UInt8(ascii: "f"): scalars.append(0x0C)
      case UInt8(ascii: "u"):
        var code = try hex4()
        // A surrogate is only half a character: the high one must be followed by an escaped low one
        // (as Foundation's decoder requires; clang writes UTF-8 and escapes no surrogate).
        if (0xD800..<0xDC00).contains(code) {
          guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
          else { throw fail("lone surrogate") }
          index += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw fail("lone surrogate") }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("lone surrogate") }
        scalars.append(contentsOf: scalar.utf8)
      default: scalars.append(escape)
      }
    }
    throw fail("unterminated string")
  }

  private mutating func hex4() throws(ABIError) -> UInt32 {
    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
    else { throw fail("bad \\u escape") }
    index += 4
    return code
  }

  private func fail(_ reason: String) -> ABIError {
    .unexpectedClangOutput("JSON at byte \(index): \(reason)")
  }
}
