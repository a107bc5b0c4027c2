/// Runs of consecutive set bits of a u64 bitmap, as index ranges, found a
/// word at a time: a run's end is the trailing-zero count of the inverted
/// word, and all-ones words inside a long run cost one compare each.
@frozen
public struct DirtyPageRuns: Sequence, Sendable {
  @usableFromInline
  let words: [UInt64]

  @inlinable
  init(words: [UInt64]) { self.words = words }

  @inlinable
  public func makeIterator() -> Iterator { Iterator(words: words) }

  @frozen
  public struct Iterator: IteratorProtocol, Sendable {
    @usableFromInline let words: [UInt64]
    @usableFromInline var wordIndex: Int
    /// The unreported set bits of `words[wordIndex]`.
    @usableFromInline var remaining: UInt64

    @inlinable
    init(words: [UInt64]) {
      self.words = words
      wordIndex = 0
      remaining = words.first ?? 0
    }

    /// Moves to the next nonzero word; false at the end.
    @inlinable
    mutating func advanceToNonzeroWord() -> Bool {
      let found = words.firstNonzeroWord(from: wordIndex &+ 1)
      wordIndex = Swift.min(found, words.count)
      guard found < words.count else { return false }
      remaining = words[found]
      return true
    }

    @inlinable
    public mutating func next() -> Range<Int>? {
      if remaining == 0, !advanceToNonzeroWord() { return nil }
      let first = remaining.trailingZeroBitCount
      let start = wordIndex &* 64 &+ first
      // Ones from `first` upwards; the shifted-in high bits invert to ones and stop the count.
      let ones = (~(remaining &>> UInt64(first))).trailingZeroBitCount
      let stop = first &+ ones
      if stop < 64 {
        remaining &= ~((1 &<< UInt64(stop)) &- 1)
        return start..<(wordIndex &* 64 &+ stop)
      }
      // The run reaches the top of the word: continue through the next words.
      remaining = 0
      while true {
        wordIndex &+= 1
        guard wordIndex < words.count else {
          wordIndex = words.count
          return start..<(words.count &* 64)
        }
        let word = words[wordIndex]
        if word == ~0 { continue }
        let tail = (~word).trailingZeroBitCount
        remaining = word & ~((1 &<< UInt64(tail)) &- 1)
        return start..<(wordIndex &* 64 &+ tail)
      }
    }
  }
}
