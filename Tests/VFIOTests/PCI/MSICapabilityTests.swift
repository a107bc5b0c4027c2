import CVFIO
import Testing

@testable import VFIO

@Suite("MSI and MSI-X capabilities")
struct MSICapabilityTests {
  /// An MSI capability at 0x50 with message control `control`.
  static func msi(_ control: UInt16, at offset: Int = 0x50) -> SyntheticConfigSpace {
    var config = SyntheticConfigSpace()
    config.chain([(UInt8(PCI_CAP_ID_MSI), offset)])
    config.put16(offset + Int(PCI_MSI_FLAGS), control)
    return config
  }

  @Test("32-bit MSI without masking: address, data, vector counts")
  func msi32() throws {
    var config = Self.msi(UInt16(PCI_MSI_FLAGS_ENABLE) | 3 << 1 | 2 << 4)
    config.put32(0x54, 0xFEE0_1000)
    config.put16(0x58, 0x4021)
    let msi = try #require(try config.space().msi())
    #expect(msi.isEnabled && !msi.is64Bit && !msi.hasPerVectorMasking)
    #expect(msi.vectorsCapable == 8 && msi.vectorsEnabled == 4)
    #expect(msi.messageAddress == 0xFEE0_1000 && msi.messageData == 0x4021)
    #expect(msi.maskBitsOffset == nil && msi.pendingBitsOffset == nil)
  }

  @Test("64-bit MSI with per-vector masking: the high address half, mask and pending offsets")
  func msi64Masked() throws {
    var config = Self.msi(UInt16(PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_MASKBIT) | 5 << 1)
    config.put32(0x54, 0xFEE0_0000)
    config.put32(0x58, 0x1)
    config.put16(0x5C, 0x31)
    let msi = try #require(try config.space().msi())
    #expect(!msi.isEnabled && msi.is64Bit && msi.hasPerVectorMasking)
    #expect(msi.vectorsCapable == 32 && msi.vectorsEnabled == 1)
    #expect(msi.messageAddress == 0x1_FEE0_0000 && msi.messageData == 0x31)
    #expect(msi.maskBitsOffset == 0x50 + Int(PCI_MSI_MASK_64) && msi.pendingBitsOffset == 0x50 + Int(PCI_MSI_PENDING_64))
  }

  /// The bytes the capability occupies, by flags; the last register's end, from the C offsets.
  @Test("An MSI capability whose registers run past 0xFF is truncated", arguments: [
    (UInt16(0), Int(PCI_MSI_DATA_32) + 2),
    (UInt16(PCI_MSI_FLAGS_64BIT), Int(PCI_MSI_DATA_64) + 2),
    (UInt16(PCI_MSI_FLAGS_MASKBIT), Int(PCI_MSI_PENDING_32) + 4),
    (UInt16(PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_MASKBIT), Int(PCI_MSI_PENDING_64) + 4),
  ])
  func msiTruncated(_ control: UInt16, _ size: Int) throws {
    let fits = 0x100 - (size + 3) / 4 * 4
    #expect(try Self.msi(control, at: fits).space().msi() != nil)
    let past = fits + 4
    #expect(throws: PCIConfigError.capabilityTruncated(id: UInt16(PCI_CAP_ID_MSI), offset: past, size: size, limit: 0x100)) {
      try Self.msi(control, at: past).space().msi()
    }
  }

  @Test("MSI vector count fields above 5 are reserved", arguments: [(UInt16(6 << 1), "capable"), (UInt16(7 << 4), "enable")])
  func msiReserved(_ control: UInt16, _ field: String) {
    let value = UInt32(control >> (field == "capable" ? 1 : 4))
    #expect(throws: PCIConfigError.reservedEncoding(field: "MSI multiple message \(field)", value: value)) {
      try Self.msi(control).space().msi()
    }
  }

  @Test("MSI-X: table size N+1, table and PBA BIR and offset, enable and function mask")
  func msix() throws {
    var config = SyntheticConfigSpace()
    config.chain([(UInt8(PCI_CAP_ID_MSIX), 0xA0)])
    config.put16(0xA0 + Int(PCI_MSIX_FLAGS), UInt16(PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL) | 4)
    config.put32(0xA0 + Int(PCI_MSIX_TABLE), 0x0000_0003)
    config.put32(0xA0 + Int(PCI_MSIX_PBA), 0x0000_2003)
    let msix = try #require(try config.space().msix())
    #expect(msix.tableSize == 5 && msix.isEnabled && msix.isFunctionMasked)
    #expect(msix.table.region == .pciBAR3 && msix.table.offset == 0)
    #expect(msix.pendingBitArray.region == .pciBAR3 && msix.pendingBitArray.offset == 0x2000)
    #expect(msix.tableByteCount == 5 * UInt64(PCI_MSIX_ENTRY_SIZE) && msix.pendingBitArrayByteCount == 8)
  }

  @Test("MSI-X's largest table: 2048 vectors, 32 KiB, a 256-byte PBA")
  func msixLargest() throws {
    var config = SyntheticConfigSpace()
    config.chain([(UInt8(PCI_CAP_ID_MSIX), 0x40)])
    config.put16(0x40 + Int(PCI_MSIX_FLAGS), .max)
    let msix = try #require(try config.space().msix())
    #expect(msix.tableSize == 2048 && msix.tableByteCount == 32768 && msix.pendingBitArrayByteCount == 256)
  }

  @Test("MSI-X BIR 6 and 7 are reserved", arguments: [(UInt32(6), UInt32(0)), (UInt32(0), UInt32(7))])
  func msixReservedBIR(_ table: UInt32, _ pba: UInt32) {
    var config = SyntheticConfigSpace()
    config.chain([(UInt8(PCI_CAP_ID_MSIX), 0x40)])
    config.put32(0x40 + Int(PCI_MSIX_TABLE), table)
    config.put32(0x40 + Int(PCI_MSIX_PBA), pba)
    let error: PCIConfigError = table == 6
      ? .reservedEncoding(field: "MSI-X table BIR", value: 6) : .reservedEncoding(field: "MSI-X PBA BIR", value: 7)
    #expect(throws: error) { try config.space().msix() }
  }

  @Test("MSI-X in the last slot runs past 0xFF")
  func msixTruncated() {
    var config = SyntheticConfigSpace()
    config.chain([(UInt8(PCI_CAP_ID_MSIX), 0xF8)])
    #expect(throws: PCIConfigError.capabilityTruncated(id: UInt16(PCI_CAP_ID_MSIX), offset: 0xF8, size: 12, limit: 0x100)) {
      try config.space().msix()
    }
  }

  @Test("No MSI or MSI-X capability: nil")
  func absent() throws {
    let space = try SyntheticConfigSpace().space()
    #expect(try space.msi() == nil && space.msix() == nil)
  }
}
