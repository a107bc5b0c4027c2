/// A VF token: the UUID a PF's user shares with the users of its SR-IOV VFs
/// (`VFIO_DEVICE_FEATURE_PCI_VF_TOKEN`, and `token_uuid_ptr` when binding a VF cdev).
///
/// The kernel reads the 16 bytes in the order the UUID's text form prints them.
public struct VFToken: Sendable, Hashable, CustomStringConvertible {
  /// The UUID's 16 bytes, first byte first.
  public var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

  /// A token from its 16 bytes.
  public init(bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)) {
    self.bytes = bytes
  }

  /// A token from a UUID's text form, `8-4-4-4-12` hex digits
  /// (`6c6ba6c4-0ec9-4c4e-9b4f-5d2c0b5e1a2f`); nil for any other text.
  public init?(_ text: String) {
    let utf8 = Array(text.utf8)
    guard utf8.count == 36 else { return nil }
    var value = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0),
      UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0))
    let parsed = withUnsafeMutableBytes(of: &value) { (out) -> Bool in
      var index = 0
      var position = 0
      while position < utf8.count {
        if [8, 13, 18, 23].contains(position) {
          guard utf8[position] == UInt8(ascii: "-") else { return false }
          position += 1
          continue
        }
        guard let high = Self.hexDigit(utf8[position]), let low = Self.hexDigit(utf8[position + 1]) else { return false }
        out[index] = high << 4 | low
        index += 1
        position += 2
      }
      return index == 16
    }
    guard parsed else { return nil }
    bytes = value
  }

  private static func hexDigit(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// The text form, lower-case.
  public var description: String {
    withUnsafeBytes(of: bytes) { raw in
      var text = ""
      for (index, byte) in raw.enumerated() {
        if [4, 6, 8, 10].contains(index) { text += "-" }
        text += String(byte >> 4, radix: 16) + String(byte & 0xf, radix: 16)
      }
      return text
    }
  }

  public static func == (lhs: VFToken, rhs: VFToken) -> Bool {
    withUnsafeBytes(of: lhs.bytes) { l in withUnsafeBytes(of: rhs.bytes) { r in l.elementsEqual(r) } }
  }

  public func hash(into hasher: inout Hasher) {
    withUnsafeBytes(of: bytes) { hasher.combine(bytes: $0) }
  }
}
