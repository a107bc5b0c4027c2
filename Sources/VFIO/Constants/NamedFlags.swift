/// A flag of a ``NamedFlags`` option set with the names a person types for it.
public struct FlagName<Flags: Sendable>: Sendable {
  /// The flag.
  public let value: Flags
  /// The Swift name (`noResize`).
  public let swiftName: String
  /// The C macro (`VFIO_IRQ_INFO_NORESIZE`).
  public let cName: String

  /// `no-resize`: the Swift name in kebab case, as ``NamedFlags/names`` prints it.
  public var kebabCaseName: String { kebabCase(swiftName) }
}

/// An option set whose flags have names: ``names`` prints a value, ``init(names:)`` reads the
/// same text back, unknown bits included, so a value survives a command line or a log line.
public protocol NamedFlags: OptionSet, Sendable
where RawValue: FixedWidthInteger & UnsignedInteger, Element == Self {
  /// Every named flag, in bit order.
  static var flagNames: [FlagName<Self>] { get }
}

extension NamedFlags {
  /// `read,write,0x40`: the kebab-case name of each named flag that is set, then the bits no
  /// name covers in hex; `none` when no bit is set.
  public var names: String {
    var parts: [String] = []
    var unnamed = rawValue
    for flag in Self.flagNames where contains(flag.value) && unnamed & flag.value.rawValue != 0 {
      parts.append(flag.kebabCaseName)
      unnamed &= ~flag.value.rawValue
    }
    if unnamed != 0 { parts.append("0x" + String(unnamed, radix: 16)) }
    return parts.isEmpty ? "none" : parts.joined(separator: ",")
  }

  /// Flags from a comma-separated list of names: kebab-case (`no-resize`), Swift (`noResize`) or
  /// C (`VFIO_IRQ_INFO_NORESIZE`) names, hex bits (`0x40`), or `none` alone; nil when a name is
  /// unknown or a bit does not fit.
  public init?(names: String) {
    let parts = names.split(separator: ",").map { $0.filter { !$0.isWhitespace } }
    guard !parts.isEmpty else { return nil }
    if parts == ["none"] {
      self.init()
      return
    }
    var flags = Self()
    for part in parts {
      let key = foldedName(part)
      if let flag = Self.flagNames.first(where: { foldedName($0.swiftName) == key || foldedName($0.cName) == key }) {
        flags.insert(flag.value)
      } else if part.lowercased().hasPrefix("0x"), let bits = hexBits(part.dropFirst(2), as: RawValue.self) {
        flags.formUnion(Self(rawValue: bits))
      } else {
        return nil
      }
    }
    self = flags
  }
}

/// `noResize` → `no-resize`, `pciINTx` → `pci-intx`, `dataEventFD` → `data-event-fd`.
func kebabCase(_ name: String) -> String {
  let characters = Array(name)
  var result = ""
  for (index, character) in characters.enumerated() {
    if character.isUppercase, index > 0 {
      let previous = characters[index - 1]
      let next = index + 1 < characters.count ? characters[index + 1] : nil
      if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
        result.append("-")
      }
    }
    result += character.lowercased()
  }
  return result
}

/// Hex digits alone: `RawValue(_:radix:)` would also take a sign (`0x+1`, `0x-0`).
private func hexBits<RawValue: FixedWidthInteger>(_ text: some StringProtocol, as: RawValue.Type) -> RawValue? {
  guard !text.isEmpty, text.utf8.allSatisfy({ UInt8(ascii: "0") ... UInt8(ascii: "9") ~= $0 || UInt8(ascii: "a") ... UInt8(ascii: "f") ~= $0 || UInt8(ascii: "A") ... UInt8(ascii: "F") ~= $0 })
  else { return nil }
  return RawValue(text, radix: 16)
}

/// A name compared without case, dashes or underscores.
private func foldedName(_ name: some StringProtocol) -> String {
  String(name.lowercased().filter { $0 != "-" && $0 != "_" })
}
