import CVFIO
import SystemPackage
import VFIO

/// The mtty mdev (samples/vfio-mdev/mtty.c): a virtual serial device whose
/// driver implements v2 migration.
func runMttySuite(_ log: inout StepLog, uuid: String) throws {
  let container = try VFIOContainer()
  let group = try VFIOGroup(number: try VFIOGroup.number(ofDevice: uuid))
  try group.setContainer(container)
  try container.setIOMMU(.type1v2IOMMU)
  let device = try group.device(named: uuid)
  log.step("mtty: device info") {
    let info = try device.info()
    try require(info.info.flags.contains(.pci), "flags \(info.info.flags)")
    return "flags \(info.info.flags), \(info.info.regionCount) regions, \(info.info.irqCount) IRQs"
  }
  log.step("mtty: migration feature probes") {
    try device.probeFeature(.migration)
    try device.probeFeature(.migrationDeviceState, for: [.get, .set])
    return "\(DeviceFeature.migration) (get) and \(DeviceFeature.migrationDeviceState) (get, set) supported"
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
