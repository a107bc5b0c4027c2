/// Names kept as 64-bit FNV-1a hashes, to ask cheaply whether a name is one of them or begins with one
/// (hashing every prefix of every name as a byte slice cost tree mode a twentieth of its time, and
/// keeping every identifier of both texts as a byte slice a thirtieth). A collision only makes a name
/// count as kept, the safe side for every caller.
struct NameHashes {
  /// An open-addressing table of the hashes (0 marks a free slot; a hash of 0 is kept as 1, one more
  /// collision on the safe side): a `Set<UInt64>` hashed each hash again with SipHash, and every
  /// identifier of both texts goes in.
  private var slots = [UInt64](repeating: 0, count: 64)
  private var shift = 58
  private var count = 0
  private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let prime: UInt64 = 0x100_0000_01b3

  mutating func insert(_ name: Spelling) {
    insert(name.bytes, name.bytes.indices)
  }

  /// Inserts the name at `range` of `text`.
  mutating func insert(_ text: ArraySlice<UInt8>, _ range: Range<Int>) {
    insert(hash: Self.hash(text, range))
  }

  /// Whether `name`, or a name of the same hash, was inserted.
  func contains(_ name: Spelling) -> Bool {
    contains(name.bytes, name.bytes.indices)
  }

  /// Whether the name at `range` of `text`, or a name of the same hash, was inserted.
  func contains(_ text: ArraySlice<UInt8>, _ range: Range<Int>) -> Bool {
    count > 0 && contains(hash: Self.hash(text, range))
  }

  /// Whether a name kept, shorter than `name`, may begin it.
  func mayHaveProperPrefix(of name: Spelling) -> Bool {
    guard count > 0 else { return false }
    var hash = Self.offsetBasis
    for byte in name.bytes.dropLast() {
      hash = (hash ^ UInt64(byte)) &* Self.prime
      if contains(hash: hash) { return true }
    }
    return false
  }

  private static func hash(_ text: ArraySlice<UInt8>, _ range: Range<Int>) -> UInt64 {
    var hash = offsetBasis
    for index in range { hash = (hash ^ UInt64(text[index])) &* prime }
    return hash
  }

  /// FNV-1a's low bits follow the bytes' low bits alone, so the slot comes from the high bits of the
  /// hash times the golden ratio.
  private func slot(of key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
  }

  private func contains(hash: UInt64) -> Bool {
    let key = hash == 0 ? 1 : hash
    var index = slot(of: key)
    while slots[index] != 0 {
      if slots[index] == key { return true }
      index = (index + 1) & (slots.count - 1)
    }
    return false
  }

  private mutating func insert(hash: UInt64) {
    if (count + 1) * 2 > slots.count { grow() }
    let key = hash == 0 ? 1 : hash
    var index = slot(of: key)
    while slots[index] != 0 {
      if slots[index] == key { return }
      index = (index + 1) & (slots.count - 1)
    }
    slots[index] = key
    count += 1
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    shift -= 1
    count = 0
    for key in old where key != 0 { insert(hash: key) }
  }
}
