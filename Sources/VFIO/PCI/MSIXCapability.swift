import CVFIO

/// The MSI-X capability (`PCI_CAP_ID_MSIX`), decoded from a config-space snapshot: how many vectors,
/// and in which BAR, at which offset, the vector table and the pending bit array live.
public struct MSIXCapability: Hashable, Sendable {
  /// Where a structure of the capability lives: a BAR, and an offset in it.
  public struct Location: Hashable, Sendable {
    /// The BAR's region (BIR 0–5 is ``RegionIndex/pciBAR0`` to ``RegionIndex/pciBAR5``).
    public let region: RegionIndex
    /// The byte offset in the BAR, 8-byte aligned.
    public let offset: UInt64

    /// The register value `raw` (`PCI_MSIX_TABLE` or `PCI_MSIX_PBA`): BIR in the low three bits.
    internal init(raw: UInt32, field: String) throws(PCIConfigError) {
      let bir = raw & UInt32(PCI_MSIX_TABLE_BIR)
      guard bir < UInt32(PCI_STD_NUM_BARS) else { throw .reservedEncoding(field: field, value: bir) }
      region = RegionIndex(rawValue: RegionIndex.pciBAR0.rawValue + bir)
      offset = UInt64(raw & UInt32(PCI_MSIX_TABLE_OFFSET))
    }
  }

  /// Its config-space offset.
  public let offset: Int
  /// The message control register (`PCI_MSIX_FLAGS`), as read.
  public let control: UInt16
  /// The vector table (`PCI_MSIX_TABLE`).
  public let table: Location
  /// The pending bit array (`PCI_MSIX_PBA`).
  public let pendingBitArray: Location

  /// How many vectors the table has: the encoded size N is N + 1 vectors (`PCI_MSIX_FLAGS_QSIZE`), 1 to 2048.
  public var tableSize: Int { Int(control & UInt16(PCI_MSIX_FLAGS_QSIZE)) + 1 }
  /// Whether MSI-X is enabled (`PCI_MSIX_FLAGS_ENABLE`).
  public var isEnabled: Bool { control & UInt16(PCI_MSIX_FLAGS_ENABLE) != 0 }
  /// Whether every vector is masked at once (`PCI_MSIX_FLAGS_MASKALL`).
  public var isFunctionMasked: Bool { control & UInt16(PCI_MSIX_FLAGS_MASKALL) != 0 }
  /// The table's length in bytes: one `PCI_MSIX_ENTRY_SIZE` entry per vector.
  public var tableByteCount: UInt64 { UInt64(tableSize) * UInt64(PCI_MSIX_ENTRY_SIZE) }
  /// The pending bit array's length in bytes: one bit per vector, in 64-bit words.
  public var pendingBitArrayByteCount: UInt64 { UInt64((tableSize + 63) / 64 * 8) }

  /// Decodes the MSI-X capability at `offset` of `space`.
  ///
  /// - Throws: ``PCIConfigError/capabilityTruncated(id:offset:size:limit:)`` when its 12 bytes
  ///   (`PCI_CAP_MSIX_SIZEOF`) run past the standard capability area;
  ///   ``PCIConfigError/reservedEncoding(field:value:)`` for a BIR above 5.
  public init(at offset: Int, in space: PCIConfigSpace) throws(PCIConfigError) {
    let range = space.standardCapabilityRange
    guard range.contains(offset), offset + Int(PCI_CAP_MSIX_SIZEOF) <= range.upperBound else {
      throw .capabilityTruncated(
        id: UInt16(PCI_CAP_ID_MSIX), offset: offset, size: Int(PCI_CAP_MSIX_SIZEOF), limit: range.upperBound)
    }
    self.offset = offset
    control = space.u16(offset + Int(PCI_MSIX_FLAGS))
    table = try Location(raw: space.u32(offset + Int(PCI_MSIX_TABLE)), field: "MSI-X table BIR")
    pendingBitArray = try Location(raw: space.u32(offset + Int(PCI_MSIX_PBA)), field: "MSI-X PBA BIR")
  }
}

extension PCIConfigSpace {
  /// The MSI-X capability, decoded; nil when the function has none.
  public func msix() throws(PCIConfigError) -> MSIXCapability? {
    guard let found = try capability(.msix) else { return nil }
    return try MSIXCapability(at: found.offset, in: self)
  }
}
