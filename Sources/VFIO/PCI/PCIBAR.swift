import CVFIO

/// One base address register as the config space describes it: its kind and its programmed address.
///
/// The config space says nothing of a BAR's size; vfio-pci reports it as the size of the BAR's
/// region (``VFIODevice/regionInfo(_:)`` of ``region``), 0 for a BAR the device does not implement.
public struct PCIBAR: Hashable, Sendable {
  /// Where a BAR decodes.
  public enum Kind: Hashable, Sendable {
    /// I/O space (`PCI_BASE_ADDRESS_SPACE_IO`).
    case io
    /// Memory space, anywhere in 32 bits (`PCI_BASE_ADDRESS_MEM_TYPE_32`).
    case memory32
    /// Memory space below 1 MiB (`PCI_BASE_ADDRESS_MEM_TYPE_1M`, obsolete).
    case memoryBelow1M
    /// Memory space, anywhere in 64 bits, using the next BAR register too (`PCI_BASE_ADDRESS_MEM_TYPE_64`).
    case memory64
  }

  /// The BAR number, 0 to 5.
  public let index: Int
  /// Where it decodes.
  public let kind: Kind
  /// Whether reads have no side effects, so the memory may be prefetched (`PCI_BASE_ADDRESS_MEM_PREFETCH`).
  public let isPrefetchable: Bool
  /// The programmed address, flag bits cleared (both halves of a 64-bit BAR).
  public let address: UInt64

  /// The VFIO region of this BAR.
  public var region: RegionIndex { RegionIndex(rawValue: RegionIndex.pciBAR0.rawValue + UInt32(index)) }

  /// The bits below the address in a memory BAR (`~PCI_BASE_ADDRESS_MEM_MASK`), which Swift cannot import.
  internal static let memoryFlagBits: UInt32 = 0xF
  /// The bits below the address in an I/O BAR (`~PCI_BASE_ADDRESS_IO_MASK`).
  internal static let ioFlagBits: UInt32 = 0x3
}

extension PCIConfigSpace {
  /// The BARs the header layout has, in order; a 64-bit BAR takes two registers and one element.
  ///
  /// - Throws: ``PCIConfigError/barUpperHalfMissing(index:)`` for a 64-bit BAR in the last
  ///   register, ``PCIConfigError/reservedEncoding(field:value:)`` for memory type 3.
  public func bars() throws(PCIConfigError) -> [PCIBAR] {
    let count = headerType.barCount
    var bars: [PCIBAR] = []
    var index = 0
    while index < count {
      let value = u32(Int(PCI_BASE_ADDRESS_0) + 4 * index)
      if value & UInt32(PCI_BASE_ADDRESS_SPACE) == UInt32(PCI_BASE_ADDRESS_SPACE_IO) {
        bars.append(PCIBAR(index: index, kind: .io, isPrefetchable: false, address: UInt64(value & ~PCIBAR.ioFlagBits)))
        index += 1
        continue
      }
      let prefetchable = value & UInt32(PCI_BASE_ADDRESS_MEM_PREFETCH) != 0
      let low = UInt64(value & ~PCIBAR.memoryFlagBits)
      switch value & UInt32(PCI_BASE_ADDRESS_MEM_TYPE_MASK) {
      case UInt32(PCI_BASE_ADDRESS_MEM_TYPE_32):
        bars.append(PCIBAR(index: index, kind: .memory32, isPrefetchable: prefetchable, address: low))
        index += 1
      case UInt32(PCI_BASE_ADDRESS_MEM_TYPE_1M):
        bars.append(PCIBAR(index: index, kind: .memoryBelow1M, isPrefetchable: prefetchable, address: low))
        index += 1
      case UInt32(PCI_BASE_ADDRESS_MEM_TYPE_64):
        guard index + 1 < count else { throw .barUpperHalfMissing(index: index) }
        let high = UInt64(u32(Int(PCI_BASE_ADDRESS_0) + 4 * (index + 1)))
        bars.append(PCIBAR(index: index, kind: .memory64, isPrefetchable: prefetchable, address: high << 32 | low))
        index += 2
      default:
        throw .reservedEncoding(field: "BAR \(index) memory type", value: (value & UInt32(PCI_BASE_ADDRESS_MEM_TYPE_MASK)) >> 1)
      }
    }
    return bars
  }
}
