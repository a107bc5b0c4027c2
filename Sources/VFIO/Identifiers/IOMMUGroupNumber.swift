/// An IOMMU group's number: the `N` of `/dev/vfio/N` and of `/sys/kernel/iommu_groups/N`.
@frozen
public struct IOMMUGroupNumber: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32
  @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
  public var description: String { "group \(rawValue)" }
}

extension IOMMUGroupNumber {
  /// Parses a group number as the kernel writes it: decimal digits without a sign or a
  /// leading zero; nil for anything else (`+7`, `007`, `-0`, ` 7`) or a number above
  /// `UInt32.max`.
  ///
  /// Only the canonical spelling is believed, so one group never has two names.
  public init?(_ text: some StringProtocol) {
    let digits = text.utf8
    guard let first = digits.first, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
      first != UInt8(ascii: "0") || digits.count == 1, let value = UInt32(text)
    else { return nil }
    self.init(rawValue: value)
  }
}
