import SystemPackage
import VFIO

/// edu without an IOMMU: vfio.ko built with CONFIG_VFIO_NOIOMMU and loaded with
/// enable_unsafe_noiommu_mode=1 gives it a /dev/vfio/noiommu-N group.
func runNoIOMMUSuite(_ log: inout StepLog, edu: String) throws {
  let container = try VFIOContainer()
  log.step("noiommu: extension") {
    let answer = try container.checkExtension(.noIOMMU)
    try require(answer == 1, "\(VFIOExtension.noIOMMU): \(answer)")
    return "\(VFIOExtension.noIOMMU) supported; type1v2 \(try container.checkExtension(.type1v2IOMMU))"
  }
  let number = try VFIOGroup.number(ofDevice: edu)
  let group = try VFIOGroup(path: FilePath("/dev/vfio/noiommu-\(number)"))
  log.step("noiommu: group, container, IOMMU") {
    let status = try group.status()
    try require(status == .viable, "status \(status)")
    try group.setContainer(container)
    try container.setIOMMU(.noIOMMU)
    return "\(group.name): \(try group.status()), \(VFIOExtension.noIOMMU) set"
  }
  let device = try group.device(named: edu)
  let bar = try device.regionInfo(.pciBAR0).info
  let registers = try device.map(region: bar)
  log.step("noiommu: device info and edu identification") {
    let info = try device.info().info
    let ident = registers.load(UInt32.self, at: Edu.identification)
    try require(ident == Edu.identificationValue, "ident \(hex(ident ?? 0))")
    return "flags \(info.flags), ident \(hex(ident ?? 0)) through the mmapped BAR0"
  }
  let memory = try VFIOMapping.anonymous(count: 4096)
  log.expectFailure("noiommu: DMA map refused", operation: "VFIO_IOMMU_MAP_DMA", errno: .inappropriateIOCTLForDevice) {
    try container.mapDMA(address: memory.baseAddress, iova: 0x10_0000, size: 4096)
  }
  do {
    try memory.unmap()
    try registers.unmap()
    try device.close()
    try group.close()
    try container.close()
    log.pass("noiommu: close", "mappings unmapped; device, group and container closed")
  } catch {
    log.fail("noiommu: close", error)
  }
}
