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
