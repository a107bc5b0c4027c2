import CVFIO
import Testing

@testable import VFIO

@Suite("PCI config space decoding")
struct PCIConfigSpaceTests {
  @Test("Header registers decode to typed values")
  func header() throws {
    var config = SyntheticConfigSpace(vendor: 0x8086, device: 0x10d3)
    config.put16(Int(PCI_COMMAND), UInt16(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE))
    config.put16(Int(PCI_STATUS), UInt16(PCI_STATUS_CAP_LIST | PCI_STATUS_DEVSEL_MEDIUM))
    config.put32(Int(PCI_CLASS_REVISION), 0x0200_0003)
    config.put8(Int(PCI_HEADER_TYPE), 0x80)
    let space = try config.space()
    #expect(space.vendorID == 0x8086 && space.deviceID == 0x10d3)
    #expect(space.command == [.memorySpace, .busMaster, .interruptDisable])
    #expect(space.status.contains(.capabilityList) && space.status.devselTiming == 1)
    #expect(space.revisionID == 3 && space.classCode == 0x02_0000)
    #expect(space.headerType.layout == 0 && space.headerType.isMultiFunction && space.headerType.barCount == 6)
    #expect("\(space.command)" == "[.memorySpace, .busMaster, .interruptDisable]")
  }

  @Test("A config space outside 64...4096 bytes is refused", arguments: [0, 63, 4097, 8192])
  func size(_ count: Int) {
    #expect(throws: PCIConfigError.size(count)) { try PCIConfigSpace(bytes: [UInt8](repeating: 0, count: count)) }
  }

  @Test("BARs: I/O, 32-bit, prefetchable 64-bit taking two registers, below 1M")
  func bars() throws {
    var config = SyntheticConfigSpace()
    config.put32(0x10, 0xFEB0_0000)  // memory, 32-bit
    config.put32(0x14, 0x0000_C001)  // I/O
    config.put32(0x18, 0xE000_000C)  // memory, 64-bit, prefetchable
    config.put32(0x1C, 0x0000_0001)  // its upper half
    config.put32(0x20, 0x000A_0002)  // memory below 1M
    let bars = try config.space().bars()
    #expect(bars == [
      PCIBAR(index: 0, kind: .memory32, isPrefetchable: false, address: 0xFEB0_0000),
      PCIBAR(index: 1, kind: .io, isPrefetchable: false, address: 0xC000),
      PCIBAR(index: 2, kind: .memory64, isPrefetchable: true, address: 0x1_E000_0000),
      PCIBAR(index: 4, kind: .memoryBelow1M, isPrefetchable: false, address: 0xA_0000),
      PCIBAR(index: 5, kind: .memory32, isPrefetchable: false, address: 0),
    ])
    #expect(bars[2].region == .pciBAR2)
  }

  @Test("A bridge has two BARs, a CardBus bridge none")
  func bridgeBARs() throws {
    var config = SyntheticConfigSpace()
    config.put8(Int(PCI_HEADER_TYPE), UInt8(PCI_HEADER_TYPE_BRIDGE))
    #expect(try config.space().bars().count == 2)
    config.put8(Int(PCI_HEADER_TYPE), UInt8(PCI_HEADER_TYPE_CARDBUS))
    #expect(try config.space().bars().isEmpty)
  }

  @Test("A 64-bit BAR in the last register and memory type 3 are typed errors")
  func hostileBARs() throws {
    var config = SyntheticConfigSpace()
    config.put32(0x24, 0x4)
    #expect(throws: PCIConfigError.barUpperHalfMissing(index: 5)) { try config.space().bars() }
    config.put32(0x24, 0)
    config.put32(0x10, 0x6)
    #expect(throws: PCIConfigError.reservedEncoding(field: "BAR 0 memory type", value: 3)) { try config.space().bars() }
  }

  @Test("The standard list is walked in list order, not address order")
  func standardList() throws {
    var config = SyntheticConfigSpace()
    config.chain([(UInt8(PCI_CAP_ID_PM), 0xC8), (UInt8(PCI_CAP_ID_MSI), 0x40), (UInt8(PCI_CAP_ID_MSIX), 0xA0)])
    let caps = try config.space().capabilities()
    #expect(caps == [
      PCICapability(id: .powerManagement, offset: 0xC8), PCICapability(id: .msi, offset: 0x40),
      PCICapability(id: .msix, offset: 0xA0),
    ])
    #expect(try config.space().capability(.msix)?.offset == 0xA0)
    #expect(try config.space().capability(.pciExpress) == nil)
  }

  @Test("No capability list without PCI_STATUS_CAP_LIST, whatever the pointer says")
  func noCapabilityListFlag() throws {
    var config = SyntheticConfigSpace()
    config.chain([(UInt8(PCI_CAP_ID_MSI), 0x40)])
    config.put16(Int(PCI_STATUS), 0)
    #expect(try config.space().capabilities().isEmpty)
  }

  @Test("Every one of the 48 slots in a chain: walked, and ended")
  func fullChain() throws {
    var config = SyntheticConfigSpace()
    config.chain((0..<48).map { (UInt8(PCI_CAP_ID_VNDR), 0xFC - 4 * $0) })
    #expect(try config.space().capabilities().count == 48)
  }

  /// A hostile standard chain and the error it must end in.
  struct HostileChain: Sendable, CustomTestStringConvertible {
    let name: String
    let edit: @Sendable (inout SyntheticConfigSpace) -> Void
    let error: PCIConfigError
    var testDescription: String { name }
  }

  static let hostileChains: [HostileChain] = [
    HostileChain(name: "next points at itself", edit: { $0.chain([(5, 0x40)]); $0.put8(0x41, 0x40) },
      error: .loop(at: 0x40, next: 0x40)),
    HostileChain(name: "next points back to the first", edit: { $0.chain([(5, 0x40), (0x11, 0x50)]); $0.put8(0x51, 0x40) },
      error: .loop(at: 0x50, next: 0x40)),
    HostileChain(name: "first pointer into the header", edit: { $0.chain([(5, 0x40)]); $0.put8(0x34, 0x10) },
      error: .pointerOutOfRange(at: 0x34, pointer: 0x10, lowest: 0x40, limit: 0x100)),
    HostileChain(name: "next misaligned", edit: { $0.chain([(5, 0x40)]); $0.put8(0x41, 0x45) },
      error: .pointerMisaligned(at: 0x41, pointer: 0x45)),
    HostileChain(name: "all ones (a function that is gone)", edit: { $0.chain([]); $0.put8(0x34, 0xFF) },
      error: .pointerMisaligned(at: 0x34, pointer: 0xFF)),
    HostileChain(name: "next into the header", edit: { $0.chain([(5, 0x40)]); $0.put8(0x41, 0x3C) },
      error: .pointerOutOfRange(at: 0x41, pointer: 0x3C, lowest: 0x40, limit: 0x100)),
  ]

  @Test("Hostile standard chains end in a typed error", arguments: hostileChains)
  func hostileStandard(_ chain: HostileChain) {
    var config = SyntheticConfigSpace()
    chain.edit(&config)
    #expect(throws: chain.error) { try config.space().capabilities() }
  }

  @Test("A 64-byte snapshot has no room for capabilities: a pointer at 0x40 is out of range")
  func headerOnlySnapshot() throws {
    var config = SyntheticConfigSpace()
    config.chain([(5, 0x40)])
    let header = try PCIConfigSpace(bytes: Array(config.bytes[..<64]))
    #expect(throws: PCIConfigError.pointerOutOfRange(at: 0x34, pointer: 0x40, lowest: 0x40, limit: 0x40)) {
      try header.capabilities()
    }
  }

  @Test("The extended list: walked from 0x100, id 0 placeholders followed but not listed")
  func extendedList() throws {
    var config = SyntheticConfigSpace(size: 4096)
    config.extended(0x100, id: 0, version: 0, next: 0x148)
    config.extended(0x148, id: UInt16(PCI_EXT_CAP_ID_ERR), version: 2, next: 0x140)
    config.extended(0x140, id: UInt16(PCI_EXT_CAP_ID_DSN), next: 0)
    let caps = try config.space().extendedCapabilities()
    #expect(caps == [
      PCIExtendedCapability(id: .advancedErrorReporting, version: 2, offset: 0x148),
      PCIExtendedCapability(id: .deviceSerialNumber, version: 1, offset: 0x140),
    ])
    #expect(try config.space().extendedCapability(.deviceSerialNumber)?.offset == 0x140)
  }

  @Test("No extended list: a 256-byte space, a zero header, an all-ones header", arguments: [
    (256, UInt32(0)), (4096, UInt32(0)), (4096, UInt32.max),
  ])
  func noExtendedList(_ size: Int, _ header: UInt32) throws {
    var config = SyntheticConfigSpace(size: size)
    if size > 256 { config.put32(0x100, header) }
    #expect(try config.space().extendedCapabilities().isEmpty)
  }

  @Test("Every one of the 960 extended slots: walked, and ended")
  func fullExtendedChain() throws {
    var config = SyntheticConfigSpace(size: 4096)
    for offset in stride(from: 0x100, to: 0x1000, by: 4) {
      config.extended(offset, id: UInt16(PCI_EXT_CAP_ID_VNDR), next: offset + 4 < 0x1000 ? offset + 4 : 0)
    }
    #expect(try config.space().extendedCapabilities().count == 960)
  }

  static let hostileExtended: [HostileChain] = [
    HostileChain(name: "next points at itself", edit: { $0.extended(0x100, id: 1, next: 0x100) },
      error: .loop(at: 0x100, next: 0x100)),
    HostileChain(name: "a cycle of two", edit: { $0.extended(0x100, id: 1, next: 0x200); $0.extended(0x200, id: 3, next: 0x100) },
      error: .loop(at: 0x200, next: 0x100)),
    HostileChain(name: "next into the standard space", edit: { $0.extended(0x100, id: 1, next: 0xFC) },
      error: .pointerOutOfRange(at: 0x100, pointer: 0xFC, lowest: 0x100, limit: 0x1000)),
    HostileChain(name: "next misaligned", edit: { $0.extended(0x100, id: 1, next: 0x202) },
      error: .pointerMisaligned(at: 0x100, pointer: 0x202)),
    HostileChain(name: "all ones after the first", edit: { $0.extended(0x100, id: 1, next: 0x200); $0.put32(0x200, .max) },
      error: .pointerMisaligned(at: 0x200, pointer: 0xFFF)),
  ]

  @Test("Hostile extended chains end in a typed error", arguments: hostileExtended)
  func hostileExtendedChains(_ chain: HostileChain) {
    var config = SyntheticConfigSpace(size: 4096)
    chain.edit(&config)
    #expect(throws: chain.error) { try config.space().extendedCapabilities() }
  }

  @Test("An extended next past a snapshot shorter than 4096 bytes is out of range")
  func extendedPastShortSnapshot() throws {
    var config = SyntheticConfigSpace(size: 0x200)
    config.extended(0x100, id: 1, next: 0x1FC + 4)
    #expect(throws: PCIConfigError.pointerOutOfRange(at: 0x100, pointer: 0x200, lowest: 0x100, limit: 0x200)) {
      try config.space().extendedCapabilities()
    }
  }
}
