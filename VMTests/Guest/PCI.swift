import CVFIO
import SystemPackage
import VFIO

// The PCI helpers against the real kernel: every expected value comes from the kernel's own
// answers (IRQ info counts, region capabilities and flags, a second access path), never from a
// table typed here.

/// The e1000e STATUS register (BAR0 offset 8, Intel 82574 datasheet; QEMU hw/net/e1000_regs.h).
private let e1000eStatus: UInt64 = 0x8

/// What `body` threw as a `PCIConfigError`, for a step's failure.
private func decoded<T>(_ body: () throws(PCIConfigError) -> T) throws -> T {
  do throws(PCIConfigError) { return try body() } catch { throw GuestFailure("config space refused: \(error)") }
}

func runPCISteps(_ log: inout StepLog, edu: borrowing VFIODevice, nic: borrowing VFIODevice) {
  log.step("PCI config space: edu's MSI capability against VFIO_DEVICE_GET_IRQ_INFO") {
    let config = try edu.pciConfigSpace()
    try require(config.vendorID == Edu.vendor && config.deviceID == Edu.device, "\(hex(config.vendorID)):\(hex(config.deviceID))")
    let capabilities = try decoded { () throws(PCIConfigError) in try config.capabilities() }
    let msi = try decoded { () throws(PCIConfigError) in try config.msi() }
    guard let msi else { throw GuestFailure("no MSI capability in \(capabilities)") }
    let count = try edu.irqInfo(.pciMSI).count
    // vfio-pci counts MSI vectors from the physical capability; the decoder reads the virtualized one.
    try require(msi.vectorsCapable == Int(count), "decoded \(msi.vectorsCapable) MSI vectors, the kernel \(count)")
    return "\(hex(config.vendorID)):\(hex(config.deviceID)) \(config.bytes.count) bytes, capabilities "
      + "\(capabilities.map { "\($0.id)@\(hex($0.offset))" }), MSI \(msi.vectorsCapable) vector(s), 64-bit \(msi.is64Bit)"
  }

  log.step("PCI config space: e1000e's MSI-X table size, table and PBA BAR against the kernel") {
    let config = try nic.pciConfigSpace()
    let capabilities = try decoded { () throws(PCIConfigError) in try config.capabilities() }
    let extended = try decoded { () throws(PCIConfigError) in try config.extendedCapabilities() }
    let msix = try decoded { () throws(PCIConfigError) in try config.msix() }
    guard let msix else { throw GuestFailure("no MSI-X capability in \(capabilities)") }
    try require(capabilities.contains { $0.id == .pciExpress }, "no PCI Express capability in \(capabilities)")
    let count = try nic.irqInfo(.pciMSIX).count
    try require(msix.tableSize == Int(count), "decoded \(msix.tableSize) MSI-X vectors, the kernel \(count)")
    // The kernel marks the BAR that holds the MSI-X table with MSIX_MAPPABLE (4.16+): the table's BAR
    // must be the one region that says so.
    var marked: [RegionIndex] = []
    for bar in 0..<UInt32(PCI_STD_NUM_BARS) {
      let index = RegionIndex(rawValue: RegionIndex.pciBAR0.rawValue + bar)
      if try nic.regionInfo(index).allowsMSIXTableMmap { marked.append(index) }
    }
    try require(marked == [msix.table.region], "table in \(msix.table.region), MSIX_MAPPABLE on \(marked)")
    let tableRegion = try nic.regionInfo(msix.table.region).info
    let pbaRegion = try nic.regionInfo(msix.pendingBitArray.region).info
    try require(msix.table.offset + msix.tableByteCount <= tableRegion.size, "table past its BAR of \(tableRegion.size) bytes")
    try require(
      msix.pendingBitArray.offset + msix.pendingBitArrayByteCount <= pbaRegion.size, "PBA past its BAR of \(pbaRegion.size) bytes")
    return "\(msix.tableSize) vectors; table \(msix.table.region) + \(hex(msix.table.offset)), PBA "
      + "\(msix.pendingBitArray.region) + \(hex(msix.pendingBitArray.offset)); extended \(extended.map { "\($0.id)@\(hex($0.offset))" })"
  }

  log.step("PCI BARs: I/O BARs have no mmap, memory BARs of a page or more have it") {
    var seen: [String] = []
    for device in [0, 1] {
      let config = device == 0 ? try edu.pciConfigSpace() : try nic.pciConfigSpace()
      let bars = try decoded { () throws(PCIConfigError) in try config.bars() }
      for bar in bars {
        let info = device == 0 ? try edu.regionInfo(bar.region).info : try nic.regionInfo(bar.region).info
        guard info.size != 0 else { continue }
        if bar.kind == .io {
          try require(!info.flags.contains(.mmap), "I/O \(bar.region) flagged mmap")
        } else if info.size >= 4096 {
          try require(info.flags.contains(.mmap), "memory \(bar.region) of \(info.size) bytes not mmap-able")
        }
        seen.append("\(device == 0 ? "edu" : "e1000e") \(bar.index) \(bar.kind)\(bar.isPrefetchable ? " prefetchable" : "") \(hex(info.size))")
      }
    }
    return seen.joined(separator: "; ")
  }

  do {
    try nic.setPCICommand(nic.pciCommand().union([.ioSpace, .memorySpace]))
    try edu.setPCICommand(edu.pciCommand().union(.memorySpace))
  } catch {
    log.fail("PCI command register: I/O and memory space on", error)
  }

  log.step("e1000e BAR0 through one VFIORegionMapping: STATUS by MMIO equals STATUS by pread") {
    let region = try nic.regionInfo(.pciBAR0)
    let bar = try nic.map(region: region)
    try require(bar.mappedAreas == region.mmapAreas && bar.isMapped(offset: e1000eStatus, count: 4), "areas \(bar.mappedAreas)")
    let mmio = try bar.load(UInt32.self, at: e1000eStatus)
    let pread = try nic.read(UInt32.self, region: region.info, at: e1000eStatus)
    try require(mmio == pread, "MMIO \(hex(mmio)), pread \(hex(pread))")
    return "areas \(bar.mappedAreas.map { "\(hex($0.offset))+\(hex($0.size))" }); STATUS \(hex(mmio)) both ways"
  }

  log.step("e1000e's I/O BAR through VFIORegionMapping (no areas: pwrite IOADDR, pread IODATA) reads BAR0's STATUS") {
    let config = try nic.pciConfigSpace()
    let bars = try decoded { () throws(PCIConfigError) in try config.bars() }
    guard let io = bars.first(where: { $0.kind == .io }) else { throw GuestFailure("no I/O BAR in \(bars)") }
    let ports = try nic.map(region: nic.regionInfo(io.region))
    try require(ports.mappedAreas.isEmpty && !ports.isMapped(offset: 0), "I/O BAR mapped: \(ports.mappedAreas)")
    try ports.store(UInt32(e1000eStatus), at: 0)
    let viaPorts = try ports.load(UInt32.self, at: 4)
    let memory = try nic.map(region: nic.regionInfo(.pciBAR0))
    let viaMMIO = try memory.load(UInt32.self, at: e1000eStatus)
    try require(viaPorts == viaMMIO, "IODATA \(hex(viaPorts)), MMIO \(hex(viaMMIO))")
    return "\(io.region): STATUS \(hex(viaPorts)) through pwrite/pread equals MMIO"
  }

  log.step("edu BAR0 through VFIORegionMapping: one area, the ident register by MMIO and by pread") {
    let region = try edu.regionInfo(.pciBAR0)
    let bar = try edu.map(region: region)
    try require(bar.mappedAreas == [SparseMmapArea(offset: 0, size: region.info.size)], "areas \(bar.mappedAreas)")
    let mmio = try bar.load(UInt32.self, at: Edu.identification)
    let pread = try edu.read(UInt32.self, region: region.info, at: Edu.identification)
    try require(mmio == pread && mmio == Edu.identificationValue, "MMIO \(hex(mmio)), pread \(hex(pread))")
    return "ident \(hex(mmio)) both ways"
  }

  log.step("e1000e MSI-X vector 0 then vector 2 bound, grown as NORESIZE allows; both fire") {
    let info = try nic.irqInfo(.pciMSIX)
    let vectors = [try VFIOEventFD(), try VFIOEventFD()]
    let first = try nic.bindMSIX(vectors[0], vector: 0)
    let grown = try nic.bindMSIX(vectors[1], vector: 2)
    let expected: MSIXVectorChange = info.flags.contains(.noResize) ? .reenabled : .setInPlace
    let bindings = nic.msixBindings
    try nic.triggerIRQ(index: .pciMSIX, vector: 2)
    try nic.triggerIRQ(index: .pciMSIX, vector: 0)
    let fired = (try vectors[1].wait(milliseconds: 2000), try vectors[0].wait(milliseconds: 2000))
    try nic.disableMSIX()
    try require(first == .enabled && grown == expected, "\(first), then \(grown); NORESIZE \(info.flags.contains(.noResize))")
    try require(bindings.enabledVectors == 3 && bindings.eventfds.keys.sorted() == [0, 2], "bindings \(bindings)")
    try require(fired == (1, 1), "vectors 2 and 0 counted \(fired)")
    try require(nic.msixBindings.enabledVectors == 0, "MSI-X still recorded as enabled")
    return "flags \(info.flags): \(first), then \(grown); vectors 2 and 0 signalled once each"
  }
}
