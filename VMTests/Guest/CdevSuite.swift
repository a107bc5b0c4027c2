import SystemPackage
import VFIO

/// edu through its device cdev (/dev/vfio/devices/vfioN) bound to an iommufd:
/// no group, no container; DMA goes through an IOAS.
func runCdevSuite(_ log: inout StepLog, cdev: String, edu: String) throws {
  let iommufd = try IOMMUFD()
  let device = try VFIODevice(cdev: FilePath(cdev))
  log.step("cdev: bind to the iommufd") {
    let id = try device.bind(to: iommufd)
    return "\(cdev) is device \(id) of the iommufd"
  }
  let ioas = try iommufd.allocateIOAS()
  log.step("cdev: attach to the IOAS") {
    try device.attach(pageTable: ioas)
    return "attached to IOAS \(ioas)"
  }
  log.step("cdev: IOVA ranges of the attached IOAS") {
    let (ranges, alignment) = try iommufd.iovaRanges(ioas: ioas)
    // Attached, the IOAS excludes what the IOMMU reserves (the MSI window at 0xfee00000).
    try require(ranges.count > 1, "the IOMMU's reserved regions are not excluded: \(ranges)")
    try require(ranges.contains { $0.contains(dmaIOVA) }, "IOVA \(hex(dmaIOVA)) is not usable")
    return "IOAS \(ioas): " + ranges.map { "\(hex($0.lowerBound))-\(hex($0.upperBound))" }.joined(separator: ",")
      + ", alignment \(alignment)"
  }
  let bar = try device.regionInfo(.pciBAR0).info
  let registers = try device.map(region: bar)
  let config = try device.regionInfo(.pciConfig).info
  log.step("cdev: device info and edu identification") {
    let info = try device.info().info
    let ident = registers.load(UInt32.self, at: Edu.identification)
    try require(ident == Edu.identificationValue, "ident \(hex(ident ?? 0))")
    return "flags \(info.flags), ident \(hex(ident ?? 0))"
  }
  let command = try device.read(UInt16.self, region: config, at: 4)
  try device.write(command | 0x6, region: config, at: 4)
  let memory = try VFIOMapping.anonymous(count: dmaSize)
  log.step("cdev: map into the IOAS") {
    try iommufd.map(ioas: ioas, address: memory.baseAddress, length: dmaSize, iova: dmaIOVA)
    return "\(dmaSize) bytes at IOVA \(hex(dmaIOVA))"
  }
  log.step("cdev: edu DMA round trip through the IOAS") {
    try eduRoundTrip(registers, memory: memory, iova: dmaIOVA, length: 512) {
      UInt8(truncatingIfNeeded: $0 &* 13 &+ 1)
    }
  }
  log.step("cdev: unmap, detach, destroy the IOAS") {
    let unmapped = try iommufd.unmap(ioas: ioas, iova: dmaIOVA, length: UInt64(dmaSize))
    try require(unmapped == UInt64(dmaSize), "\(unmapped) bytes unmapped")
    try device.detachPageTable()
    try iommufd.destroy(ioas)
    return "\(unmapped) bytes unmapped; detached; IOAS \(ioas) destroyed"
  }
  do {
    try memory.unmap()
    try registers.unmap()
    try device.close()
    try iommufd.close()
    log.pass("cdev: close", "mappings unmapped; device and iommufd closed")
  } catch {
    log.fail("cdev: close", error)
  }
}
