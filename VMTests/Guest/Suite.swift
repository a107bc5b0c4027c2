import CVFIO
import SystemPackage
import VFIO

let dmaIOVA: UInt64 = 0x10_0000
let dmaSize: UInt64 = 2 * 4096

func runSuite(_ log: inout StepLog, edu: String, e1000e: String) throws {
  guard let eduAddress = PCIAddress(edu) else { throw GuestFailure("\(edu) is not a PCI address") }

  // e1000e the long way (group, viability, container by hand); edu in one call below.
  let e1000eGroupNumber = try VFIOGroup.number(ofDevice: e1000e)
  let e1000eGroup = try VFIOGroup(number: e1000eGroupNumber)
  log.step("group status viable") {
    let status = try e1000eGroup.status()
    try require(status == .viable, "status \(status)")
    return "\(e1000eGroup.name): viable, no container"
  }
  // A container is made with a group set to it and its IOMMU type chosen: none can map before.
  let container = try VFIOContainer(group: e1000eGroup, iommuType: .type1v2)
  log.step("set container and IOMMU type1v2") {
    let status = try e1000eGroup.status()
    try require(status == [.viable, .containerSet], "status \(status)")
    return "status \(status)"
  }
  log.step("container API version") {
    let version = try container.apiVersion()
    try require(version == Int(VFIO_API_VERSION), "API version \(version)")
    try require(try container.supports(IOMMUType.type1v2), "TYPE1v2 unsupported")
    return "version \(version), TYPE1v2 true, TYPE1 \(try container.supports(IOMMUType.type1)), "
      + "UNMAP_ALL \(try container.supports(.unmapAll)), noIOMMU \(try container.supports(.noIOMMU))"
  }
  log.expectFailure("set container twice", operation: "VFIO_GROUP_SET_CONTAINER", errno: .invalidArgument) {
    try e1000eGroup.setContainer(container)
  }

  log.expectFailure("open a device that does not exist", operation: "realpath", errno: .noSuchFileOrDirectory) {
    _ = try container.openDevice(.pci(PCIAddress(domain: 0, bus: 0xff, device: 0x1f, function: 7)!))
  }
  let device = try container.openDevice(.pci(eduAddress))
  log.step("open edu in one call: group, viability, container (type1v2 already set), description") {
    let description = try device.describe()
    let flags = description.info.info.flags
    try require(flags.contains([.pci, .reset]), "flags \(flags)")
    try require(description.region(.pciBAR0) != nil && description.region(.pciConfig) != nil, "regions \(description.regions)")
    try require(description.irq(.pciMSI) != nil && description.irq(.pciINTx) != nil, "IRQs \(description.irqs)")
    return "flags \(flags), \(description.regions.count) regions, \(description.irqs.count) IRQ indexes described"
  }
  let nic = try e1000eGroup.device(named: e1000e)
  log.step("open edu again by sysfs path: the container reuses its group") {
    let second = try container.openDevice(.sysfs(FilePath("/sys/bus/pci/devices/\(edu)")))
    let flags = try second.describe().info.info.flags
    try second.close()
    return "a second descriptor of \(edu) through the group the container already holds: \(flags)"
  }
  log.expectFailure("open a device whose group another owner holds open", operation: "open", errno: .resourceBusy) {
    _ = try container.openDevice(.pci(PCIAddress(e1000e)!))
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

  log.step("device info") {
    let info = try device.info()
    let flags = info.info.flags
    try require(info.info.regionCount >= RegionIndex.pciCount.rawValue, "\(info.info.regionCount) regions")
    try require(info.info.irqCount >= IRQIndex.pciCount.rawValue, "\(info.info.irqCount) IRQs")
    return "flags \(flags), \(info.info.regionCount) regions, \(info.info.irqCount) IRQs"
  }
  log.step("every region's info: e1000e") {
    var lines: [String] = []
    for region in try nic.describe().regions where region.info.size != 0 {
      lines.append("\(region.info.index.rawValue) size \(hex(region.info.size)) \(region.info.flags)"
        + (region.capabilities.isEmpty ? "" : " \(region.capabilities)"))
    }
    return lines.joined(separator: "; ")
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
  runPCISteps(&log, edu: device, nic: nic)
  // Memory space and bus mastering on, for BAR access and DMA.
  let command = try device.read(UInt16.self, region: config, at: 4)
  try device.write(command | 0x6, region: config, at: 4)

  let bar = try device.regionInfo(.pciBAR0).info
  let registers = try device.map(region: bar)
  log.step("mmap BAR0: edu identification") {
    let ident = try registers.load(UInt32.self, at: Edu.identification)
    try require(ident == Edu.identificationValue, "ident \(hex(ident))")
    try registers.store(UInt32(0x1234_5678), at: Edu.liveness)
    let inverted = try registers.load(UInt32.self, at: Edu.liveness)
    try require(inverted == ~UInt32(0x1234_5678), "liveness \(hex(inverted))")
    return "ident \(hex(ident)), liveness inverts"
  }
  log.expectFailure("a register access past the mapping is a typed error", operation: "load of 4 bytes", errno: nil) {
    _ = try registers.load(UInt32.self, at: registers.size)
  }
  log.step("edu factorial") {
    try registers.store(UInt32(10), at: Edu.factorial)
    try waitUntil { ((try? registers.load(UInt32.self, at: Edu.status)) ?? 1) & 1 == 0 }
    let value = try registers.load(UInt32.self, at: Edu.factorial)
    try require(value == 3_628_800, "10! = \(value)")
    return "10! = \(value)"
  }

  log.step("MSI: enableMSI with an owned eventfd, triggerIRQ loopback, edu's MSI, disableMSI") {
    let event = try VFIOEventFD()
    try device.enableMSI([event])
    try device.triggerIRQ(index: .pciMSI)
    let loopback = try event.wait(milliseconds: 2000)
    try registers.store(UInt32(0x100), at: Edu.interruptRaise)
    let raised = try event.wait(milliseconds: 2000)
    try registers.store(UInt32(0x100), at: Edu.interruptAcknowledge)
    try device.disableMSI()
    try require(loopback == 1 && raised == 1, "loopback \(loopback), edu \(raised)")
    return "loopback trigger and edu's MSI each counted once"
  }
  log.step("MSI: the device keeps its eventfd alive after the caller drops it") {
    do {
      let event = try VFIOEventFD()
      try device.enableMSI([event])
    }
    // The caller's reference is gone; the kernel still signals the eventfd the device holds.
    try device.triggerIRQ(index: .pciMSI)
    try device.disableMSI()
    return "trigger after the caller's reference went: no EBADF, no stray descriptor"
  }
  log.step("INTx: enableINTx with trigger and resample eventfds") {
    let event = try VFIOEventFD()
    let resample = try VFIOEventFD()
    try device.enableINTx(trigger: event, resample: resample)
    try registers.store(UInt32(0x200), at: Edu.interruptRaise)
    let raised = try event.wait(milliseconds: 2000)
    try registers.store(UInt32(0x200), at: Edu.interruptAcknowledge)
    // Signalling the resample fd unmasks the line, as a KVM resampling irqfd would.
    try resample.signal()
    try device.disableINTx()
    try require(raised == 1, "edu INTx counted \(raised)")
    return "edu's INTx counted once, unmasked through the resample eventfd, disabled"
  }
  log.expectFailure("IRQ index the device lacks", operation: "VFIO_DEVICE_GET_IRQ_INFO", errno: .invalidArgument) {
    _ = try device.irqInfo(.pciCount)
  }

  let mapping = try container.map(GuestMemory(size: dmaSize), iova: dmaIOVA)
  log.step("map DMA: guest memory moved into a mapping") {
    "\(mapping.size) bytes at IOVA \(hex(mapping.iova))"
  }
  // The package refuses it before the kernel would (EEXIST): an overlap with its own mapping.
  log.expectFailure("overlapping DMA map", operation: "VFIO_IOMMU_MAP_DMA", errno: nil) {
    _ = try container.map(GuestMemory(size: 4096), iova: dmaIOVA + 4096)
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
    try eduRoundTrip(registers, memory: mapping, length: 1024) { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
  }
  log.step("dirty pages read through DirtyBitmap") {
    var bitmap = try DirtyBitmap(baseIOVA: dmaIOVA, length: dmaSize, pageSize: dirtyPageSize)
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
  runKVMStep(&log, container: container, edu: eduAddress)
  runSharedUseSteps(
    &log, label: "", space: container, device: device, registers: registers, config: config, cutError: .invalidArgument)

  log.step("ioeventfd") {
    let event = try VFIOEventFD()
    try device.setIOEventFD(event, region: bar, at: Edu.liveness, width: .size32, data: 0xabcd)
    try event.signal()
    // The kernel performs the write asynchronously; edu's liveness register reads it back inverted.
    try waitUntil { (try? registers.load(UInt32.self, at: Edu.liveness)) == ~UInt32(0xabcd) }
    try device.clearIOEventFD(region: bar, at: Edu.liveness, width: .size32, data: 0xabcd)
    return "signalling the eventfd wrote 0xabcd to edu's liveness register"
  }
  runFeatureGenerationSteps(&log, device: device)
  log.expectFailure("feature the device lacks", operation: "VFIO_DEVICE_FEATURE", errno: .inappropriateIOCTLForDevice) {
    try device.probeFeature(.migration)
  }
  log.step("device reset") {
    try device.reset()
    let ident = try registers.load(UInt32.self, at: Edu.identification)
    try require(ident == Edu.identificationValue, "ident after reset \(hex(ident))")
    return "reset; ident still reads \(hex(ident))"
  }
  log.step("PCI hot reset through the container's groups") {
    let dependencies = try device.hotResetDependencies()
    let group = try VFIOGroup.number(ofDevice: edu)
    try require(dependencies.contains { $0.group == group }, "edu's group not listed")
    try container.hotReset(device)
    let listed = dependencies.map { "\(hex($0.segment)):\(hex($0.bus)):\(hex($0.device)).\($0.function) group \($0.groupID)" }
    return "affects \(listed.joined(separator: ", ")); reset"
  }
  // Consuming the mapping cannot happen inside a step's closure; a failure aborts the suite.
  let memory = try mapping.unmap()
  log.step("unmap DMA: the memory comes back, nothing left mapped") {
    let again = try container.unmapDMA(iova: dmaIOVA, size: dmaSize)
    try require(again == 0, "\(again) bytes still mapped")
    return "\(memory.size) bytes returned; nothing left at \(hex(dmaIOVA))"
  }
  runUnmapAllStep(&log, container: container)
  // Consuming closes cannot run inside a step's closure.
  do {
    _ = consume memory
    try registers.unmap()
    try nic.close()
    try device.close()
    try e1000eGroup.close()
    try container.close()
    log.pass("close everything", "mappings unmapped; devices, groups and container closed")
  } catch {
    log.fail("close everything", error)
  }
}

/// One edu DMA transfer; waits for the device to clear its start bit.
func eduDMA(_ registers: borrowing VFIOMapping, from source: UInt64, to destination: UInt64, count: Int, toMemory: Bool) throws {
  try registers.store(source, at: Edu.dmaSource)
  try registers.store(destination, at: Edu.dmaDestination)
  try registers.store(UInt64(count), at: Edu.dmaCount)
  try registers.store(Edu.dmaStart | (toMemory ? Edu.dmaToMemory : 0), at: Edu.dmaCommand)
  try waitUntil { ((try? registers.load(UInt64.self, at: Edu.dmaCommand)) ?? 1) & Edu.dmaStart == 0 }
}

/// Copies `length` patterned bytes from the mapping's memory into edu's buffer and back
/// 4096 bytes further on, then compares: proof that DMA went through the mapping.
func eduRoundTrip(
  _ registers: borrowing VFIOMapping, memory: borrowing DMAMapping, length: Int, pattern: (Int) -> UInt8
) throws -> String {
  let bytes = memory.unsafeBytes  // the device writes it while this code reads it
  for i in 0..<length { bytes[i] = pattern(i) }
  try eduDMA(registers, from: memory.iova, to: Edu.dmaBuffer, count: length, toMemory: false)
  try eduDMA(registers, from: Edu.dmaBuffer, to: memory.iova + 4096, count: length, toMemory: true)
  for i in 0..<length where bytes[4096 + i] != bytes[i] {
    throw GuestFailure("byte \(i): \(bytes[4096 + i]) != \(bytes[i])")
  }
  return "\(length) bytes RAM → edu → RAM at IOVA \(hex(memory.iova))"
}

/// Polls `done` for up to two seconds.
func waitUntil(_ done: () -> Bool) throws {
  for _ in 0..<2000 {
    if done() { return }
    pause(microseconds: 1000)
  }
  throw GuestFailure("the device did not finish within 2 s")
}
