internal import CLibClang

extension UnsafeBufferPointer<UInt8> {
  /// The offset of the first occurrence of `pattern`, found by libc's `memmem`: a byte loop (and the
  /// generic `firstRange(of:)`, Foundation's `DataProtocol` one for bytes) stops at every `#` of clang's
  /// `-E -dD` output when it looks for a line marker.
  func firstOffset(of pattern: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !pattern.isEmpty else { return 0 }
    guard let base = baseAddress, count >= pattern.count else { return nil }
    let found = CLibClang_find(base, count, pattern.baseAddress, pattern.count)
    return found < 0 ? nil : found
  }

  /// Whether the bytes of `word` occur.
  func contains(word: String) -> Bool {
    var word = word
    return word.withUTF8 { firstOffset(of: $0) != nil }
  }
}

extension [UInt8] {
  /// Whether the bytes of `word` occur.
  func contains(word: String) -> Bool { withUnsafeBufferPointer { $0.contains(word: word) } }
}

extension ArraySlice<UInt8> {
  /// The start of the first occurrence of `pattern`.
  func firstIndex(of pattern: [UInt8]) -> Int? {
    withUnsafeBufferPointer { bytes in pattern.withUnsafeBufferPointer { bytes.firstOffset(of: $0) } }.map { startIndex + $0 }
  }
}

extension ArraySlice<UInt8> {
  /// The start of the first line that begins with `line` (which ends in a line break to match a whole
  /// line).
  func firstLine(_ line: [UInt8]) -> Int? {
    var from = startIndex
    while let found = self[from...].firstIndex(of: line) {
      if found == startIndex || self[found - 1] == UInt8(ascii: "\n") { return found }
      from = found + 1
    }
    return nil
  }
}

extension ArraySlice<UInt8> {
  /// The bytes of the double-quoted string whose opening quote is at `start`, and the index after its
  /// closing quote; nil when it is not closed. `unescape` reads what follows a backslash, given the
  /// index after it: the byte it stands for and the index after it, or nil when that is malformed.
  func quoted(at start: Int, unescape: (ArraySlice<UInt8>, Int) -> (byte: UInt8, next: Int)?) -> (bytes: [UInt8], end: Int)? {
    guard start < endIndex, self[start] == UInt8(ascii: "\"") else { return nil }
    var bytes: [UInt8] = []
    var index = start + 1
    while index < endIndex {
      let byte = self[index]
      index += 1
      if byte == UInt8(ascii: "\"") { return (bytes, index) }
      guard byte == UInt8(ascii: "\\") else {
        bytes.append(byte)
        continue
      }
      guard let escaped = unescape(self, index) else { return nil }
      bytes.append(escaped.byte)
      index = escaped.next
    }
    return nil
  }
}
