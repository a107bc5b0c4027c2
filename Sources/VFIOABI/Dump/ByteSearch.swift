extension String {
  /// The UTF-8 offset of the first occurrence of `needle`, by a plain byte scan (the generic
  /// `firstRange(of:)` walks `String.UTF8View` indexes and is far slower on large clang output).
  func utf8Offset(of needle: String) -> Int? {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return 0 }
    var found: Int?
    var copy = self
    copy.withUTF8 { bytes in
      guard bytes.count >= pattern.count else { return }
      var index = 0
      let last = bytes.count - pattern.count
      while index <= last {
        if bytes[index] == first {
          var matched = 1
          while matched < pattern.count && bytes[index + matched] == pattern[matched] { matched += 1 }
          if matched == pattern.count {
            found = index
            return
          }
        }
        index += 1
      }
    }
    return found
  }
}
