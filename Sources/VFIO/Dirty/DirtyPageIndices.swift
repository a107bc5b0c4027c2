/// The indexes of the set bits of a u64 bitmap, found a word at a time.
@frozen
public struct DirtyPageIndices: Sequence, Sendable {
  @usableFromInline
  let words: [UInt64]

  @inlinable
  init(words: [UInt64]) { self.words = words }

  @inlinable
  public func makeIterator() -> Iterator { Iterator(words: words) }

  @inlinable
  public var underestimatedCount: Int { 0 }

  @frozen
  public struct Iterator: IteratorProtocol, Sendable {
    @usableFromInline let words: [UInt64]
    @usableFromInline var wordIndex: Int
    /// The unreported set bits of `words[wordIndex]`.
    @usableFromInline var remaining: UInt64
    /// `wordIndex * 64`, kept so that each set bit costs one add.
    @usableFromInline var wordBase: Int

    @inlinable
    init(words: [UInt64]) {
      self.words = words
      wordIndex = 0
      remaining = words.first ?? 0
      wordBase = 0
    }

    /// Moves to the next nonzero word; false at the end.
    @inlinable
    mutating func advanceToNonzeroWord() -> Bool {
      let found = words.firstNonzeroWord(from: wordIndex &+ 1)
      wordIndex = Swift.min(found, words.count)
      guard found < words.count else { return false }
      remaining = words[found]
      wordBase = found &* 64
      return true
    }

    @inlinable
    public mutating func next() -> Int? {
      if remaining == 0, !advanceToNonzeroWord() { return nil }
      let bit = remaining.trailingZeroBitCount
      remaining &= remaining &- 1
      return wordBase &+ bit
    }
  }
}
