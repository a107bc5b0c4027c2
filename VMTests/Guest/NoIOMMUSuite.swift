import SystemPackage
import VFIO

/// edu without an IOMMU: vfio.ko built with CONFIG_VFIO_NOIOMMU and loaded with
/// enable_unsafe_noiommu_mode=1 gives it a /dev/vfio/noiommu-N group.
func runNoIOMMUSuite(_ log: inout StepLog, edu: String) throws {
  guard let address = PCIAddress(edu) else { throw GuestFailure("\(edu) is not a PCI address") }
  let container = try VFIOContainer(for: .pci(address), iommuType: .noIOMMU)
  log.step("noiommu: extension") {
    try require(try container.supports(.noIOMMU), "\(IOMMUType.noIOMMU) not supported")
    return "\(IOMMUType.noIOMMU) supported; type1v2 \(try container.supports(IOMMUType.type1v2))"
  }
  let device = try container.openDevice(.pci(address), iommuType: .noIOMMU)
  log.step("noiommu: open in one call (noiommu-N group, container, IOMMU type)") {
    let description = try device.describe()
    return "flags \(description.info.info.flags), \(description.regions.count) regions"
  }
  let bar = try device.regionInfo(.pciBAR0).info
  let registers = try device.map(region: bar)
  log.step("noiommu: edu identification") {
    let ident = try registers.load(UInt32.self, at: Edu.identification)
    try require(ident == Edu.identificationValue, "ident \(hex(ident))")
    return "ident \(hex(ident)) through the mmapped BAR0"
  }
  log.expectFailure("noiommu: DMA map refused", operation: "VFIO_IOMMU_MAP_DMA", errno: .inappropriateIOCTLForDevice) {
    _ = try container.map(GuestMemory(size: 4096), iova: 0x10_0000)
  }
  do {
    try registers.unmap()
    try device.close()
    try container.close()
    log.pass("noiommu: close", "mapping unmapped; device, group and container closed")
  } catch {
    log.fail("noiommu: close", error)
  }
}
