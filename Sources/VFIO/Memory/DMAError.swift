/// Why the package refused a DMA request before the kernel saw it.
public enum DMAError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A mapping of 0 bytes.
  case emptyRange
  /// `iova + size` passes the end of the 64-bit IOVA space.
  case wrapsAround(iova: UInt64, size: UInt64)
  /// `iova ..< iova + size` overlaps `mapped`, a range already mapped through this address space.
  case overlaps(iova: UInt64, size: UInt64, mapped: ClosedRange<UInt64>)
  /// `value` is not a multiple of `alignment`.
  case misaligned(value: UInt64, alignment: UInt64)
  /// A piece of a mapping was asked to become `mapped` (true) or unmapped, and already is.
  case pieceAlreadyInState(offset: UInt64, mapped: Bool)
  /// Memory without a file was to be mapped by its file.
  case noFile
  /// A pool has no run of free pages for `requested` bytes; `free` bytes are free in all.
  case poolExhausted(requested: UInt64, free: UInt64)

  public var description: String {
    switch self {
    case .emptyRange: "an empty range (0 bytes)"
    case .wrapsAround(let iova, let size): "IOVA 0x\(hex(iova)) + 0x\(hex(size)) passes the end of the IOVA space"
    case .overlaps(let iova, let size, let mapped):
      "IOVA 0x\(hex(iova)) + 0x\(hex(size)) overlaps 0x\(hex(mapped.lowerBound))...0x\(hex(mapped.upperBound)), mapped already"
    case .misaligned(let value, let alignment): "0x\(hex(value)) is not a multiple of 0x\(hex(alignment))"
    case .pieceAlreadyInState(let offset, let mapped): "the piece at offset 0x\(hex(offset)) is \(mapped ? "mapped" : "unmapped") already"
    case .noFile: "the memory has no file (anonymous memory maps by address)"
    case .poolExhausted(let requested, let free): "no free run of \(requested) bytes (\(free) bytes free in all)"
    }
  }
}

private func hex(_ value: UInt64) -> String { String(value, radix: 16) }
