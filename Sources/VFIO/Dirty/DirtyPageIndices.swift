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

    @inlinable
    init(words: [UInt64]) {
      self.words = words
      wordIndex = 0
      remaining = words.first ?? 0
    }

    @inlinable
    public mutating func next() -> Int? {
      while remaining == 0 {
        wordIndex &+= 1
        guard wordIndex < words.count else {
          wordIndex = words.count
          return nil
        }
        remaining = words[wordIndex]
      }
      let bit = remaining.trailingZeroBitCount
      remaining &= remaining &- 1
      return wordIndex &* 64 &+ bit
    }
  }
}
