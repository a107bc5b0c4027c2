import Testing
import VFIO

@Suite("Constant descriptions")
struct ConstantDescriptionTests {
  @Test("Flags print their names, then unnamed bits in hex")
  func flagsDescription() {
    let unknown = UInt32(1) << 30
    #expect(DMAMapFlags([.read, .write]).description == "[.read, .write]")
    #expect(DMAMapFlags(rawValue: DMAMapFlags.vaddr.rawValue | unknown).description == "[.vaddr, 0x40000000]")
    #expect(DeviceInfoFlags().description == "[]")
  }

  @Test("Open values print their number and every name it has")
  func valueDescription() {
    #expect(VFIOExtension.type1v2IOMMU.description == "\(VFIOExtension.type1v2IOMMU.rawValue) (.type1v2IOMMU)")
    #expect(RegionIndex.pciBAR0.description == "\(RegionIndex.pciBAR0.rawValue) (.pciBAR0, .ccwConfig)")
    #expect(VFIOExtension(rawValue: 4711).description == "4711")
  }

  @Test("A PCI vendor region type keeps the vendor id in its low 16 bits, above bit 31")
  func pciVendorRegionType() {
    let intel = RegionType.pciVendor(0x8086)
    #expect(intel.pciVendorID == 0x8086)
    #expect(intel.rawValue & RegionType.pciVendorType.rawValue == RegionType.pciVendorType.rawValue)
    #expect(RegionType.gfx.pciVendorID == nil)
  }
}
