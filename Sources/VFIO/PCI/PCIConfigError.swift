/// A PCI configuration space that cannot be trusted, and where it goes wrong.
///
/// A device (or a driver emulating one) writes these bytes; each value that would send a decoder
/// into a loop, past the end or into a reserved encoding is reported instead. Offsets are
/// config-space byte offsets.
public enum PCIConfigError: Error, Hashable, Sendable {
  /// The config space has `size` bytes, outside the 64-byte header to 4096-byte extended space
  /// a PCI function has (`PCI_STD_HEADER_SIZEOF`, `PCI_CFG_SPACE_EXP_SIZE`).
  case size(Int)
  /// The pointer read at `at` names `pointer`, outside `lowest..<limit` where its list lives
  /// (0x40–0xFF for standard capabilities, 0x100 to the end for extended ones).
  case pointerOutOfRange(at: Int, pointer: Int, lowest: Int, limit: Int)
  /// The pointer read at `at` names `pointer`, which is not 4-byte aligned: the spec reserves its
  /// low two bits as zero.
  case pointerMisaligned(at: Int, pointer: Int)
  /// The capability at `at` points `next` back at a capability already visited: following it
  /// would loop forever.
  case loop(at: Int, next: Int)
  /// The capability `id` at `offset` needs `size` bytes, which run past the `limit` bytes of its
  /// list (256 for a standard capability, the config space for an extended one).
  case capabilityTruncated(id: UInt16, offset: Int, size: Int, limit: Int)
  /// The 64-bit BAR `index` has no following BAR register to hold its upper half.
  case barUpperHalfMissing(index: Int)
  /// `field` holds `value`, an encoding the spec reserves (a BAR memory type of 3, an MSI
  /// vector count above 32, an MSI-X BIR above 5).
  case reservedEncoding(field: String, value: UInt32)
}

extension PCIConfigError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .size(let size): "config space of \(size) bytes, not 64 to 4096"
    case .pointerOutOfRange(let at, let pointer, let lowest, let limit):
      "pointer at \(hex(at)) names \(hex(pointer)), outside \(hex(lowest))..<\(hex(limit))"
    case .pointerMisaligned(let at, let pointer): "pointer at \(hex(at)) names \(hex(pointer)), not 4-byte aligned"
    case .loop(let at, let next): "capability at \(hex(at)) points back at \(hex(next)), already visited"
    case .capabilityTruncated(let id, let offset, let size, let limit):
      "capability \(hex(id)) at \(hex(offset)) needs \(size) bytes, past the end at \(hex(limit))"
    case .barUpperHalfMissing(let index): "64-bit BAR \(index) has no register for its upper half"
    case .reservedEncoding(let field, let value): "\(field) holds the reserved value \(value)"
    }
  }
}

private func hex<T: BinaryInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }
