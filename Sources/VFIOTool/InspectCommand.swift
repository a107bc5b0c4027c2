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
      to a new type1v2 container for the IOMMU information, so it must be unused.
      """
  )

  @Argument(help: "A group number, a /dev/vfio node, a PCI device address or an mdev UUID.")
  var target: String

  func run() throws {
    let (groupPath, devices) = try InspectTarget.resolve(target)
    let group = try VFIOGroup(path: groupPath)
    let container = try VFIOContainer()
    try group.setContainer(container)
    let label = group.name == groupPath.string ? group.name : "\(group.name) (\(groupPath))"
    print("\(label): status \(try group.status())")
    if groupPath.lastComponent?.string.hasPrefix("noiommu-") == true {
      try container.setIOMMU(.noIOMMU)
      print("IOMMU: none (\(VFIOExtension.noIOMMU); no DMA mapping)")
    } else {
      try container.setIOMMU(.type1v2)
      InspectFormat.printIOMMU(try container.iommuInfo())
    }
    for name in devices {
      let device = try group.device(named: name)
      print("")
      try InspectFormat.printDevice(device)
    }
  }
}
