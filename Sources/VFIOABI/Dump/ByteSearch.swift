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
