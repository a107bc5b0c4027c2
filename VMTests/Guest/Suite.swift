import CVFIO
import SystemPackage
import VFIO

let dmaIOVA: UInt64 = 0x10_0000
let dmaSize = 2 * 4096

func runSuite(_ log: inout StepLog, edu: String, e1000e: String) throws {
  let container = try VFIOContainer()
  log.step("container API version") {
    let version = try container.apiVersion()
    try require(version == Int(VFIO_API_VERSION), "API version \(version)")
    let type1v2 = try container.checkExtension(.type1v2IOMMU)
    try require(type1v2 != 0, "TYPE1v2 unsupported")
    return "version \(version), TYPE1v2 \(type1v2), TYPE1 \(try container.checkExtension(.type1IOMMU)), "
      + "UNMAP_ALL \(try container.checkExtension(.unmapAll)), noIOMMU \(try container.checkExtension(.noIOMMU))"
  }

  let eduGroupNumber = try VFIOGroup.number(ofDevice: edu)
  let e1000eGroupNumber = try VFIOGroup.number(ofDevice: e1000e)
  let eduGroup = try VFIOGroup(number: eduGroupNumber)
  let e1000eGroup = try VFIOGroup(path: FilePath("/dev/vfio/\(e1000eGroupNumber)"))
  log.step("group status viable") {
    let status = try eduGroup.status()
    try require(status == .viable, "status \(status)")
    return "\(eduGroup.name) and \(e1000eGroup.name): viable, no container"
  }
  log.step("set container") {
    try eduGroup.setContainer(container)
    try e1000eGroup.setContainer(container)
    let status = try eduGroup.status()
    try require(status == [.viable, .containerSet], "status \(status)")
    return "status \(status)"
  }
  log.expectFailure("set container twice", operation: "VFIO_GROUP_SET_CONTAINER", errno: .invalidArgument) {
    try eduGroup.setContainer(container)
  }
  log.step("set IOMMU type1v2") {
    try container.setIOMMU(.type1v2)
    return "\(VFIOExtension.type1v2IOMMU)"
  }
  var dirtyPageSize: UInt64 = 4096
  log.step("IOMMU info and its capabilities") {
    let info = try container.iommuInfo()
    try require(info.info.flags.contains([.pageSizes, .capabilities]), "flags \(info.info.flags)")
    var seen: [String] = []
    for capability in info.capabilities {
      switch capability {
      case .iovaRanges(let ranges):
        try require(!ranges.isEmpty, "no IOVA ranges")
        seen.append("IOVA ranges " + ranges.map { "\(hex($0.start))-\(hex($0.end))" }.joined(separator: ","))
      case .migration(let migration):
        try require(migration.pageSizes != 0, "no dirty page sizes")
        dirtyPageSize = UInt64(1) << UInt64(migration.pageSizes.trailingZeroBitCount)
        seen.append("migration: dirty page sizes \(hex(migration.pageSizes)), max bitmap \(migration.maximumDirtyBitmapSize) B")
      case .dmaAvailable(let available):
        seen.append("DMA mappings available \(available)")
      case .unknown(let raw):
        seen.append("unknown capability \(raw)")
      }
    }
    try require(seen.count == 3, "capabilities: \(info.capabilities)")
    return "argsz \(info.argumentSize); " + seen.joined(separator: "; ")
  }

  log.expectFailure("device that does not exist", operation: "VFIO_GROUP_GET_DEVICE_FD", errno: .operationNotSupportedByDevice) {
    _ = try eduGroup.device(named: "0000:ff:1f.7")
  }
  let device = try eduGroup.device(named: edu)
  let nic = try e1000eGroup.device(named: e1000e)

  log.step("device info") {
    let info = try device.info()
    let flags = info.info.flags
    try require(flags.contains([.pci, .reset]), "flags \(flags)")
    try require(info.info.regionCount >= Int(RegionIndex.pciCount.rawValue), "\(info.info.regionCount) regions")
    try require(info.info.irqCount >= Int(IRQIndex.pciCount.rawValue), "\(info.info.irqCount) IRQs")
    return "flags \(flags), \(info.info.regionCount) regions, \(info.info.irqCount) IRQs"
  }
  for (label, dev) in [("edu", 0), ("e1000e", 1)] {
    log.step("every region's info: \(label)") {
      let count = UInt32(try (dev == 0 ? device.info() : nic.info()).info.regionCount)
      var lines: [String] = []
      for index in 0..<count {
        let region: RegionInfoResult
        let regionIndex = RegionIndex(rawValue: index)
        do { region = try dev == 0 ? device.regionInfo(regionIndex) : nic.regionInfo(regionIndex) } catch let error as VFIOError
          where error.errno == .invalidArgument && regionIndex == .pciVGA
        {
          // vfio-pci refuses the VGA region of a device that is not a VGA controller.
          lines.append("\(index) absent (EINVAL)")
          continue
        }
        guard region.info.size != 0 else { continue }
        lines.append("\(index) size \(hex(region.info.size)) \(region.info.flags)"
          + (region.capabilities.isEmpty ? "" : " \(region.capabilities)"))
      }
      return lines.joined(separator: "; ")
    }
  }
  log.step("e1000e BAR3 capability chain (argsz retry)") {
    let region = try nic.regionInfo(.pciBAR3)
    try require(region.info.flags.contains(.capabilities), "no capabilities flag: \(region.info.flags)")
    try require(region.argumentSize > RegionInfo.size, "no retry: argsz \(region.argumentSize)")
    try require(region.capabilities == [.msixMappable], "capabilities \(region.capabilities)")
    return "argsz \(region.argumentSize), cap_offset \(region.info.capabilityOffset), \(region.capabilities)"
  }

  let config = try device.regionInfo(.pciConfig).info
  log.step("config space through the config region") {
    let vendor = try device.read(UInt16.self, region: config, at: 0)
    let id = try device.read(UInt16.self, region: config, at: 2)
    try require(vendor == Edu.vendor && id == Edu.device, "\(hex(vendor)):\(hex(id))")
    return "vendor \(hex(vendor)) device \(hex(id))"
  }
  // Memory space and bus mastering on, for BAR access and DMA.
  let command = try device.read(UInt16.self, region: config, at: 4)
  try device.write(command | 0x6, region: config, at: 4)

  let bar = try device.regionInfo(.pciBAR0).info
  let registers = try device.map(region: bar)
  log.step("mmap BAR0: edu identification") {
    let ident = registers.load(UInt32.self, at: Edu.identification)
    try require(ident == Edu.identificationValue, "ident \(hex(ident ?? 0))")
    registers.store(UInt32(0x1234_5678), at: Edu.liveness)
    let inverted = registers.load(UInt32.self, at: Edu.liveness)
    try require(inverted == ~UInt32(0x1234_5678), "liveness \(hex(inverted ?? 0))")
    return "ident \(hex(ident ?? 0)), liveness inverts"
  }
  log.step("edu factorial") {
    registers.store(UInt32(10), at: Edu.factorial)
    try waitUntil { (registers.load(UInt32.self, at: Edu.status) ?? 1) & 1 == 0 }
    let value = registers.load(UInt32.self, at: Edu.factorial)
    try require(value == 3_628_800, "10! = \(value ?? 0)")
    return "10! = \(value ?? 0)"
  }

  log.step("MSI to an eventfd") {
    let event = try VFIOEventFD()
    try device.setIRQs(.trigger, .eventfds([event.fileDescriptor.rawValue]), index: .pciMSI)
    try device.setIRQs(.trigger, .none(count: 1), index: .pciMSI)
    let loopback = try event.wait(milliseconds: 2000)
    registers.store(UInt32(0x100), at: Edu.interruptRaise)
    let raised = try event.wait(milliseconds: 2000)
    registers.store(UInt32(0x100), at: Edu.interruptAcknowledge)
    try device.disableIRQs(index: .pciMSI)
    try require(loopback == 1 && raised == 1, "loopback \(loopback), edu \(raised)")
    return "loopback trigger and edu's MSI each counted once"
  }
  log.step("INTx to an eventfd") {
    let event = try VFIOEventFD()
    try device.setIRQs(.trigger, .eventfds([event.fileDescriptor.rawValue]), index: .pciINTx)
    registers.store(UInt32(0x200), at: Edu.interruptRaise)
    let raised = try event.wait(milliseconds: 2000)
    registers.store(UInt32(0x200), at: Edu.interruptAcknowledge)
    try device.setIRQs(.unmask, .none(count: 1), index: .pciINTx)
    try device.disableIRQs(index: .pciINTx)
    try require(raised == 1, "edu INTx counted \(raised)")
    return "edu's INTx counted once, unmasked, disabled"
  }
  log.expectFailure("IRQ index the device lacks", operation: "VFIO_DEVICE_GET_IRQ_INFO", errno: .invalidArgument) {
    _ = try device.irqInfo(.pciCount)
  }

  let memory = try VFIOMapping.anonymous(count: dmaSize)
  log.step("map DMA") {
    try container.mapDMA(address: memory.baseAddress, iova: dmaIOVA, size: dmaSize)
    return "\(dmaSize) bytes at IOVA \(hex(dmaIOVA))"
  }
  log.expectFailure("overlapping DMA map", operation: "VFIO_IOMMU_MAP_DMA", errno: .fileExists) {
    try container.mapDMA(address: memory.baseAddress, iova: dmaIOVA + 4096, size: 4096)
  }
  log.step("unmapping what was never mapped") {
    let unmapped = try container.unmapDMA(iova: 0x800_0000, size: 4096)
    try require(unmapped == 0, "\(unmapped) bytes unmapped")
    return "0 bytes unmapped"
  }
  log.expectFailure("unmapping part of a mapping", operation: "VFIO_IOMMU_UNMAP_DMA", errno: .invalidArgument) {
    try container.unmapDMA(iova: dmaIOVA, size: 4096)
  }
  log.step("start dirty page tracking") {
    try container.startDirtyPageTracking()
    return "VFIO_IOMMU_DIRTY_PAGES_FLAG_START"
  }
  log.step("edu DMA round trip through the IOMMU") {
    try eduRoundTrip(registers, memory: memory, iova: dmaIOVA, length: 1024) {
      UInt8(truncatingIfNeeded: $0 &* 7 &+ 3)
    }
  }
  log.step("dirty pages read through DirtyBitmap") {
    var bitmap = try DirtyBitmap(baseIOVA: dmaIOVA, length: UInt64(dmaSize), pageSize: dirtyPageSize)
    try container.readDirtyPages(into: &bitmap)
    // type1 cannot see device writes: it reports every pinned page dirty.
    try require(bitmap.dirtyPageCount == bitmap.pageCount, "\(bitmap.dirtyPageCount) of \(bitmap.pageCount) dirty")
    let ranges = bitmap.dirtyRanges.map { "\(hex($0.iova))+\(hex($0.length))" }
    return "\(bitmap.dirtyPageCount)/\(bitmap.pageCount) pages of \(dirtyPageSize) B dirty: \(ranges.joined(separator: ", "))"
  }
  log.step("stop dirty page tracking") {
    try container.stopDirtyPageTracking()
    return "VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP"
  }

  log.step("ioeventfd") {
    let event = try VFIOEventFD()
    try device.setIOEventFD(event, region: bar, at: UInt64(Edu.liveness), width: .size32, data: 0xabcd)
    try event.signal()
    // The kernel performs the write asynchronously; edu's liveness register reads it back inverted.
    try waitUntil { registers.load(UInt32.self, at: Edu.liveness) == ~UInt32(0xabcd) }
    try device.clearIOEventFD(region: bar, at: UInt64(Edu.liveness), width: .size32, data: 0xabcd)
    return "signalling the eventfd wrote 0xabcd to edu's liveness register"
  }
  runFeatureGenerationSteps(&log, device: device)
  log.expectFailure("feature the device lacks", operation: "VFIO_DEVICE_FEATURE", errno: .inappropriateIOCTLForDevice) {
    try device.probeFeature(.migration)
  }
  log.step("device reset") {
    try device.reset()
    let ident = registers.load(UInt32.self, at: Edu.identification)
    try require(ident == Edu.identificationValue, "ident after reset \(hex(ident ?? 0))")
    return "reset; ident still reads \(hex(ident ?? 0))"
  }
  log.step("PCI hot reset") {
    let dependencies = try device.hotResetDependencies()
    try require(dependencies.contains { $0.groupID == UInt32(eduGroupNumber) }, "edu's group not listed")
    try device.hotReset(groups: [eduGroup.descriptor])
    let listed = dependencies.map { "\(hex($0.segment)):\(hex($0.bus)):\(hex($0.device)).\($0.function) group \($0.groupID)" }
    return "affects \(listed.joined(separator: ", ")); reset"
  }
  log.step("unmap DMA") {
    let unmapped = try container.unmapDMA(iova: dmaIOVA, size: UInt64(dmaSize))
    try require(unmapped == UInt64(dmaSize), "\(unmapped) bytes unmapped")
    return "\(unmapped) bytes"
  }
  runUnmapAllStep(&log, container: container, memory: memory)
  // Consuming closes cannot run inside a step's closure.
  do {
    try registers.unmap()
    try memory.unmap()
    try nic.close()
    try device.close()
    try e1000eGroup.close()
    try eduGroup.close()
    try container.close()
    log.pass("close everything", "mappings unmapped; devices, groups and container closed")
  } catch {
    log.fail("close everything", error)
  }
}

/// One edu DMA transfer; waits for the device to clear its start bit.
func eduDMA(_ registers: borrowing VFIOMapping, from source: UInt64, to destination: UInt64, count: Int, toMemory: Bool) throws {
  registers.store(source, at: Edu.dmaSource)
  registers.store(destination, at: Edu.dmaDestination)
  registers.store(UInt64(count), at: Edu.dmaCount)
  registers.store(Edu.dmaStart | (toMemory ? Edu.dmaToMemory : 0), at: Edu.dmaCommand)
  try waitUntil { (registers.load(UInt64.self, at: Edu.dmaCommand) ?? 1) & Edu.dmaStart == 0 }
}

/// Copies `length` patterned bytes from `memory` at `iova` into edu's buffer and
/// back to `iova + 4096`, then compares: proof that DMA went through the mapping.
func eduRoundTrip(
  _ registers: borrowing VFIOMapping, memory: borrowing VFIOMapping, iova: UInt64, length: Int,
  pattern: (Int) -> UInt8
) throws -> String {
  for i in 0..<length { memory.bytes[i] = pattern(i) }
  try eduDMA(registers, from: iova, to: Edu.dmaBuffer, count: length, toMemory: false)
  try eduDMA(registers, from: Edu.dmaBuffer, to: iova + 4096, count: length, toMemory: true)
  for i in 0..<length where memory.bytes[4096 + i] != memory.bytes[i] {
    throw GuestFailure("byte \(i): \(memory.bytes[4096 + i]) != \(memory.bytes[i])")
  }
  return "\(length) bytes RAM → edu → RAM"
}

/// Polls `done` for up to two seconds.
func waitUntil(_ done: () -> Bool) throws {
  for _ in 0..<2000 {
    if done() { return }
    pause(microseconds: 1000)
  }
  throw GuestFailure("the device did not finish within 2 s")
}
