import Testing
import VFIO
@testable import VFIOTool

/// `vfio inspect` against what every machine has; the VM suite runs it on real devices.
@Suite("vfio inspect")
struct InspectCommandTests {
  @Test("a device that is not on any bus names the sysfs links it tried")
  func unknownDevice() throws {
    let command = try InspectCommand.parse(["0000:ff:1f.7"])
    let error = try #require(throws: VFIOError.self) { try command.run() }
    #expect(error.errno == .noSuchFileOrDirectory)
    #expect(error.target == "/sys/bus/{pci,mdev,platform}/devices/0000:ff:1f.7/iommu_group")
  }

  @Test("a group number opens /dev/vfio/N")
  func missingGroup() throws {
    let command = try InspectCommand.parse(["987654"])
    #expect(throws: (any Error).self) { try command.run() }
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
