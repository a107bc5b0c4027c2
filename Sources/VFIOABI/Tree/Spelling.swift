/// A token's bytes as a set member or a dictionary key. `ArraySlice<UInt8>`'s own `Hashable` feeds the
/// hasher one byte at a time, which cost tree mode a twentieth of its time over every identifier of
/// both texts of every header; a spelling is hashed as one run of bytes.
struct Spelling: Hashable, ExpressibleByStringLiteral {
  let bytes: ArraySlice<UInt8>

  init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

  init(stringLiteral string: String) { bytes = ArraySlice(string.utf8) }

  static func == (a: Spelling, b: Spelling) -> Bool { a.bytes == b.bytes }

  func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
