import ArgumentParser
import SystemPackage
import VFIO

struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Describe a VFIO group or device: regions, IRQs, IOMMU, migration support.",
    discussion: """
      GROUP is a group number or node (7, /dev/vfio/7); DEVICE a PCI address \
      (0000:01:00.0) bound to vfio-pci or an mdev UUID. The group is attached \
      to a new type1v2 container for the IOMMU information, so it must be unused. \
      Before opening anything, sysfs is read to refuse a device that does not exist \
      ("no such device"), one not bound to vfio-pci ("not bound to vfio-pci (bound to X)", \
      "not bound to any driver") and a group another driver holds ("IOMMU group N not \
      viable: devices ..."). Exit codes: 0 described, 1 refused or a VFIO call failed (the \
      reason on standard error), 64 a usage error.
      """
  )

  @Argument(help: "A group number, a /dev/vfio node, a PCI device address or an mdev UUID.")
  var target: String

  /// Where sysfs is mounted: the tests point it at a tree of their own.
  @Option(name: .customLong("sysfs-root"), help: .private)
  var sysfsRoot = "/sys"

  func run() throws {
    let (groupPath, devices) = try InspectTarget.resolve(target, sysfs: InspectSysfs(root: sysfsRoot))
    let group = try VFIOGroup(path: groupPath)
    let noIOMMU = groupPath.lastComponent?.string.hasPrefix("noiommu-") == true
    let container = try VFIOContainer(group: group, iommuType: noIOMMU ? .noIOMMU : .type1v2)
    let label = TerminalText.escaped(group.name == groupPath.string ? group.name : "\(group.name) (\(groupPath))")
    print("\(label): status \(try group.status())")
    if noIOMMU {
      print("IOMMU: none (\(VFIOExtension.noIOMMU); no DMA mapping)")
    } else {
      InspectFormat.printIOMMU(try container.iommuInfo())
    }
    for component in devices {
      // VFIO_GROUP_GET_DEVICE_FD takes the name as a string: a name that is not UTF-8 cannot be named.
      guard let name = String(validating: component) else {
        print("\ndevice \(TerminalText.escaped(component)): not opened, its name is not UTF-8")
        continue
      }
      let device = try group.device(named: name)
      print("")
      try InspectFormat.printDevice(device)
    }
  }
}
