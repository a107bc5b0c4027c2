extension Array where Element == UInt64 {
  /// The index of the first nonzero word at or after `start`, or `count`.
  /// Zero words, the common case of a sparse bitmap, cost a load and a compare each.
  @inlinable
  func firstNonzeroWord(from start: Int) -> Int {
    withUnsafeBufferPointer { buffer -> Int in
      var index = start
      while index < buffer.count, buffer[index] == 0 { index &+= 1 }
      return index
    }
  }
}
