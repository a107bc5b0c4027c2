extension ArraySlice<UInt8> {
  /// The start of the first occurrence of `pattern`, by a plain byte scan: the generic
  /// `firstRange(of:)` (Foundation's `DataProtocol` one is picked for bytes) costs more than the rest of
  /// a dump together on large clang output.
  func firstIndex(of pattern: [UInt8]) -> Int? {
    guard let first = pattern.first, count >= pattern.count else { return pattern.isEmpty ? startIndex : nil }
    return withUnsafeBufferPointer { bytes -> Int? in
      var index = 0
      let last = bytes.count - pattern.count
      while index <= last {
        if bytes[index] == first {
          var matched = 1
          while matched < pattern.count && bytes[index + matched] == pattern[matched] { matched += 1 }
          if matched == pattern.count { return startIndex + index }
        }
        index += 1
      }
      return nil
    }
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
