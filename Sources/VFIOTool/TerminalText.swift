import SystemPackage

/// Text from sysfs, a driver or the command line made safe to print on a terminal: control
/// characters (a newline, ESC) and bytes that are not UTF-8 become escapes, so nothing read
/// can move the cursor, recolour the screen or forge a line of output.
enum TerminalText {
  /// `bytes` with printable UTF-8 kept, a backslash doubled, control and format characters
  /// as `\u{1B}`; when the bytes are not UTF-8, every byte outside printable ASCII as `\xFF`.
  static func escaped(bytes: [UInt8]) -> String {
    if let text = String(validating: bytes, as: UTF8.self) {
      return text.unicodeScalars.map(escaped).joined()
    }
    return bytes.map { $0 < 0x80 ? escaped(Unicode.Scalar($0)) : "\\x" + hex($0) }.joined()
  }

  static func escaped(_ text: String) -> String { escaped(bytes: Array(text.utf8)) }

  static func escaped(_ component: FilePath.Component) -> String {
    escaped(bytes: component.withPlatformString { pointer in
      var bytes: [UInt8] = []
      var cursor = pointer
      while cursor.pointee != 0 {
        bytes.append(UInt8(bitPattern: cursor.pointee))
        cursor += 1
      }
      return bytes
    })
  }

  private static func escaped(_ scalar: Unicode.Scalar) -> String {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
      "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    default:
      scalar == "\\" ? "\\\\" : String(scalar)
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
  }
}
