import ArgumentParser
import Foundation
import Testing
import VFIO
@testable import VFIOTool

/// `vfio inspect` against what every machine has and against a sysfs tree of its own; the VM
/// suite runs it on real devices.
@Suite("vfio inspect")
struct InspectCommandTests {
  /// A sysfs tree in a temporary directory, shaped like the kernel's: devices under
  /// `bus/<bus>/devices`, each with a `driver` and an `iommu_group` link, and each group's
  /// `devices` directory linking back to them.
  final class FakeSysfs {
    let root: URL

    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-sysfs-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Adds PCI device `address` in IOMMU group `group`, bound to `driver` (nil: unbound).
    func addPCIDevice(_ address: String, group: Int?, driver: String?) throws {
      let files = FileManager.default
      let device = root.appendingPathComponent("bus/pci/devices/\(address)")
      try files.createDirectory(at: device, withIntermediateDirectories: true)
      if let driver {
        try files.createSymbolicLink(
          atPath: device.appendingPathComponent("driver").path, withDestinationPath: "../../../../bus/pci/drivers/\(driver)")
      }
      guard let group else { return }
      let members = root.appendingPathComponent("kernel/iommu_groups/\(group)/devices")
      try files.createDirectory(at: members, withIntermediateDirectories: true)
      try files.createSymbolicLink(
        atPath: device.appendingPathComponent("iommu_group").path,
        withDestinationPath: "../../../../kernel/iommu_groups/\(group)")
      try files.createSymbolicLink(
        atPath: members.appendingPathComponent(address).path,
        withDestinationPath: "../../../../bus/pci/devices/\(address)")
    }

    /// What `vfio inspect --sysfs-root <root> <target>` prints on standard error, and its exit code.
    func refusal(_ target: String) throws -> (message: String, exitCode: ExitCode) {
      let command = try InspectCommand.parse(["--sysfs-root", root.path, target])
      let error = try #require(throws: InspectRefusal.self) { try command.run() }
      return (InspectCommand.fullMessage(for: error), InspectCommand.exitCode(for: error))
    }
  }

  @Test("a device that is on no bus is no such device, exit code 1")
  func noSuchDevice() throws {
    let sysfs = try FakeSysfs()
    let (message, exitCode) = try sysfs.refusal("0000:ff:1f.7")
    #expect(message.contains("no such device: 0000:ff:1f.7 (not in \(sysfs.root.path)/bus/pci/devices"))
    #expect(exitCode == .failure)
  }

  @Test("the machine's own sysfs: an absent device is no such device")
  func noSuchDeviceOnThisMachine() throws {
    let command = try InspectCommand.parse(["0000:ff:1f.7"])
    let error = try #require(throws: InspectRefusal.self) { try command.run() }
    #expect(error.description.hasPrefix("no such device: 0000:ff:1f.7"))
  }

  @Test("a device bound to another driver names it")
  func boundToAnotherDriver() throws {
    let sysfs = try FakeSysfs()
    try sysfs.addPCIDevice("0000:01:00.0", group: 12, driver: "nvme")
    #expect(try sysfs.refusal("0000:01:00.0").message.contains("0000:01:00.0 is not bound to vfio-pci (bound to nvme)"))
  }

  @Test("an unbound device is not bound to any driver")
  func unbound() throws {
    let sysfs = try FakeSysfs()
    try sysfs.addPCIDevice("0000:01:00.0", group: 12, driver: nil)
    #expect(try sysfs.refusal("0000:01:00.0").message.contains("0000:01:00.0 is not bound to any driver"))
  }

  @Test("a group with a device another driver holds is not viable, by device number or by group number")
  func groupNotViable() throws {
    let sysfs = try FakeSysfs()
    try sysfs.addPCIDevice("0000:00:1f.0", group: 9, driver: "lpc_ich")
    try sysfs.addPCIDevice("0000:00:1f.2", group: 9, driver: "pci-stub")
    try sysfs.addPCIDevice("0000:00:1f.3", group: 9, driver: "vfio-pci")
    try sysfs.addPCIDevice("0000:00:1f.4", group: 9, driver: "i801_smbus")
    try sysfs.addPCIDevice("0000:00:1f.5", group: 9, driver: nil)
    try sysfs.addPCIDevice("0000:00:1c.0", group: 9, driver: "pcieport")
    let expected = "IOMMU group 9 not viable: devices 0000:00:1f.0 (bound to lpc_ich), 0000:00:1f.4 (bound to i801_smbus);"
    #expect(try sysfs.refusal("0000:00:1f.3").message.contains(expected))
    #expect(try sysfs.refusal("9").message.contains(expected))
    #expect(try sysfs.refusal("/dev/vfio/9").message.contains(expected))
  }

  @Test("a variant driver of vfio-pci is a VFIO driver; the check then opens the group node")
  func variantDriverPasses() throws {
    let sysfs = try FakeSysfs()
    try sysfs.addPCIDevice("0000:ff:00.0", group: 987_654, driver: "mlx5_vfio_pci")
    let command = try InspectCommand.parse(["--sysfs-root", sysfs.root.path, "0000:ff:00.0"])
    let error = try #require(throws: VFIOError.self) { try command.run() }
    #expect(error.target == "/dev/vfio/987654")
    #expect(error.errno == .noSuchFileOrDirectory)
  }

  @Test("a mediated device's group is viable whatever its vendor driver: the check then opens the group node")
  func mediatedDevicePasses() throws {
    let sysfs = try FakeSysfs()
    let uuid = "83b8f4f2-509f-382f-3c1e-e6bfe0fa1001"
    let device = sysfs.root.appendingPathComponent("bus/mdev/devices/\(uuid)")
    let members = sysfs.root.appendingPathComponent("kernel/iommu_groups/987655/devices")
    try FileManager.default.createDirectory(at: device, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: members, withIntermediateDirectories: true)
    for (name, destination) in [
      ("driver", "../../../../bus/mdev/drivers/mtty"), ("subsystem", "../../../../bus/mdev"),
      ("iommu_group", "../../../../kernel/iommu_groups/987655"),
    ] {
      try FileManager.default.createSymbolicLink(
        atPath: device.appendingPathComponent(name).path, withDestinationPath: destination)
    }
    try FileManager.default.createSymbolicLink(
      atPath: members.appendingPathComponent(uuid).path, withDestinationPath: "../../../../bus/mdev/devices/\(uuid)")
    let command = try InspectCommand.parse(["--sysfs-root", sysfs.root.path, uuid])
    let error = try #require(throws: VFIOError.self) { try command.run() }
    #expect(error.target == "/dev/vfio/987655")
  }

  @Test("a group number without a group in sysfs is no such IOMMU group")
  func missingGroup() throws {
    let sysfs = try FakeSysfs()
    #expect(try sysfs.refusal("987654").message.contains("no such IOMMU group: 987654"))
  }

  @Test("PCI region and IRQ names", arguments: [
    (RegionIndex.pciBAR0, "BAR0"), (.pciBAR5, "BAR5"), (.pciROM, "ROM"), (.pciConfig, "config"), (.pciVGA, "VGA"),
    (RegionIndex(rawValue: 9), "region 9"),
  ])
  func regionNames(_ index: RegionIndex, _ name: String) {
    #expect(InspectFormat.pciRegionName(index) == name)
  }

  @Test("page size bitmaps print as sizes, summarised when they are many")
  func pageSizes() {
    #expect(InspectFormat.pageSizes(0x4020_1000) == "4K,2M,1G")
    #expect(InspectFormat.pageSizes(~UInt64(0xfff)) == "52 sizes 4K…\(1 << (63 - 30))G (0xfffffffffffff000)")
  }
}
