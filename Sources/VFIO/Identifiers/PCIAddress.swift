/// A PCI function's address, `DDDD:BB:DD.F` (domain, bus, device, function), as sysfs names it.
@frozen
public struct PCIAddress: Sendable, Hashable, CustomStringConvertible {
  /// The PCI segment (domain), 0 on most machines.
  public let domain: UInt32
  /// 0...255.
  public let bus: UInt8
  /// 0...31.
  public let device: UInt8
  /// 0...7.
  public let function: UInt8

  /// nil when `device` or `function` is out of range.
  public init?(domain: UInt32 = 0, bus: UInt8, device: UInt8, function: UInt8) {
    guard device < 32, function < 8 else { return nil }
    (self.domain, self.bus, self.device, self.function) = (domain, bus, device, function)
  }

  /// Parses `0000:01:00.0`, or `01:00.0` in domain 0; nil for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3 else { return nil }
    let slot = parts[parts.count - 1].split(separator: ".", omittingEmptySubsequences: false)
    guard slot.count == 2,
      let domain = parts.count == 3 ? PCIAddress.hex(parts[0], digits: 4...8, as: UInt32.self) : 0,
      let bus = PCIAddress.hex(parts[parts.count - 2], digits: 2...2, as: UInt8.self),
      let device = PCIAddress.hex(slot[0], digits: 2...2, as: UInt8.self),
      let function = PCIAddress.hex(slot[1], digits: 1...1, as: UInt8.self)
    else { return nil }
    self.init(domain: domain, bus: bus, device: device, function: function)
  }

  private static func hex<T: FixedWidthInteger>(_ text: Substring, digits: ClosedRange<Int>, as: T.Type) -> T? {
    guard digits.contains(text.count), text.allSatisfy(\.isHexDigit) else { return nil }
    return T(text, radix: 16)
  }

  /// `0000:01:00.0`: the name under `/sys/bus/pci/devices`.
  public var description: String {
    func hex<T: BinaryInteger>(_ value: T, _ digits: Int) -> String {
      let text = String(value, radix: 16)
      return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
    return "\(hex(domain, 4)):\(hex(bus, 2)):\(hex(device, 2)).\(hex(function, 1))"
  }
}
