import SystemPackage
import VFIO

/// edu through its device cdev (/dev/vfio/devices/vfioN) bound to an iommufd:
/// no group, no container; DMA goes through an IOAS.
func runCdevSuite(_ log: inout StepLog, cdev: String, edu: String) throws {
  let iommufd = try IOMMUFD()
  let ioas = try iommufd.makeIOAS()
  guard let eduAddress = PCIAddress(edu) else { throw GuestFailure("\(edu) is not a PCI address") }

  // The long way first, on the cdev path: bind and attach by hand, then close.
  log.step("cdev: bind to the iommufd and attach to the IOAS by hand") {
    let device = try VFIODevice(cdev: FilePath(cdev))
    let id = try device.bind(to: iommufd)
    let hwpt = try device.attach(pageTable: ioas.id)
    try device.detachPageTable()
    try device.close()
    return "\(cdev) was \(id) of the iommufd, attached to \(ioas.id) through \(hwpt), detached, closed"
  }
  do { try runIOMMUFDSteps(&log, iommufd: iommufd, cdev: cdev) } catch { log.fail("iommufd steps aborted", error) }
  // One call from the PCI address: the cdev found in sysfs, bound, attached, described.
  let device = try ioas.openDevice(.pci(eduAddress))
  log.step("cdev: open edu in one call by PCI address (cdev, bind, attach, describe)") {
    let description = try device.describe()
    try require(description.region(.pciBAR0) != nil, "no BAR0: \(description.regions)")
    return "\(eduAddress) (cdev \(cdev)): flags \(description.info.info.flags), \(description.regions.count) regions, \(description.irqs.count) IRQ indexes"
  }
  log.step("cdev: IOVA ranges of the attached IOAS") {
    let (ranges, alignment) = try ioas.iovaRanges()
    // Attached, the IOAS excludes what the IOMMU reserves (the MSI window at 0xfee00000).
    try require(ranges.count > 1, "the IOMMU's reserved regions are not excluded: \(ranges)")
    try require(ranges.contains { $0.contains(dmaIOVA) }, "IOVA \(hex(dmaIOVA)) is not usable")
    return "\(ioas.id): " + ranges.map { "\(hex($0.lowerBound))-\(hex($0.upperBound))" }.joined(separator: ",")
      + ", alignment \(alignment)"
  }
  let bar = try device.regionInfo(.pciBAR0).info
  let registers = try device.map(region: bar)
  let config = try device.regionInfo(.pciConfig).info
  log.step("cdev: device info and edu identification") {
    let info = try device.info().info
    let ident = try registers.load(UInt32.self, at: Edu.identification)
    try require(ident == Edu.identificationValue, "ident \(hex(ident))")
    return "flags \(info.flags), ident \(hex(ident))"
  }
  let command = try device.read(UInt16.self, region: config, at: 4)
  try device.write(command | 0x6, region: config, at: 4)
  let mapping = try ioas.map(GuestMemory(size: dmaSize), iova: dmaIOVA)
  log.step("cdev: map guest memory into the IOAS") {
    "\(mapping.size) bytes at IOVA \(hex(mapping.iova))"
  }
  log.step("cdev: edu DMA round trip through the IOAS") {
    try eduRoundTrip(registers, memory: mapping, length: 512) { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
  }
  runSharedUseSteps(
    &log, label: "cdev: ", space: ioas, device: device, registers: registers, config: config, cutError: .noSuchFileOrDirectory)
  log.step("cdev: memfd memory mapped by its file (IOMMU_IOAS_MAP_FILE), or refused as unsupported before 6.13") {
    do {
      let mapping = try ioas.mapFile(GuestMemory(memfdNamed: "by-file", size: 2 * 4096), iova: 0xA0_0000)
      try require(KernelRelease.running >= KernelRelease(6, 13), "mapped on \(KernelRelease.running)")
      return try eduRoundTrip(registers, memory: mapping, length: 512) { UInt8(truncatingIfNeeded: $0 &* 9) }
    } catch let error as VFIOError where error.reason == .unsupported(.inappropriateIOCTLForDevice) {
      try require(KernelRelease.running < KernelRelease(6, 13), "refused on \(KernelRelease.running): \(error)")
      return "\(error)"
    }
  }
  log.step("cdev: MSI through enableMSI and triggerIRQ") {
    let event = try VFIOEventFD()
    try device.enableMSI([event])
    try device.triggerIRQ(index: .pciMSI)
    let count = try event.wait(milliseconds: 2000)
    try device.disableMSI()
    try require(count == 1, "loopback counted \(count)")
    return "loopback counted once"
  }
  log.step("cdev: hot reset by device id (no group descriptors)") {
    let dependencies = try device.hotResetDependencies()
    try device.hotReset()
    return "affects \(dependencies.map { "\($0.deviceID)" }.joined(separator: ", ")); reset"
  }
  do {
    _ = try mapping.unmap()
    try registers.unmap()
    try device.close()
    _ = consume ioas
    try iommufd.close()
    log.pass("cdev: close", "mapping unmapped; device closed; IOAS destroyed; iommufd closed")
  } catch {
    log.fail("cdev: close", error)
  }
}
