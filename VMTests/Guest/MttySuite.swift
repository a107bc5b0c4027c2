import CVFIO
import SystemPackage
import VFIO

/// The mtty mdev (samples/vfio-mdev/mtty.c): a virtual serial device whose
/// driver implements v2 migration.
func runMttySuite(_ log: inout StepLog, uuid: String) throws {
  let container = try VFIOContainer()
  let group = try VFIOGroup(number: try VFIOGroup.number(ofDevice: uuid))
  try group.setContainer(container)
  try container.setIOMMU(UInt32(VFIO_TYPE1v2_IOMMU))
  let device = try group.device(named: uuid)
  log.step("mtty: device info") {
    let info = try device.info()
    try require(info.header.flags & UInt32(VFIO_DEVICE_FLAGS_PCI) != 0, "flags \(hex(info.header.flags))")
    return "flags \(hex(info.header.flags)), \(info.header.num_regions) regions, \(info.header.num_irqs) IRQs"
  }
  log.step("mtty: migration feature probes") {
    try device.probeFeature(UInt32(VFIO_DEVICE_FEATURE_MIGRATION))
    try device.probeFeature(UInt32(VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE), get: true, set: true)
    return "MIGRATION (get) and MIG_DEVICE_STATE (get, set) supported"
  }
  do {
    try device.close()
    try group.close()
    try container.close()
    log.pass("mtty: close", "device, group and container closed")
  } catch {
    log.fail("mtty: close", error)
  }
}
