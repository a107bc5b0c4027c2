import CVFIO
import Testing

@testable import VFIO

@Suite("Which parts of a region may be mmapped")
struct RegionMmapAreaTests {
  static func region(flags: RegionInfoFlags, size: UInt64 = 0x20000, _ capabilities: [RegionInfoCapability] = [])
    -> RegionInfoResult
  {
    var raw = vfio_region_info()
    raw.flags = flags.rawValue
    raw.size = size
    return RegionInfoResult(info: RegionInfo(rawValue: raw), capabilities: capabilities, argumentSize: 32)
  }

  @Test("No mmap flag: nothing, whatever the capabilities say")
  func noFlag() {
    let region = Self.region(flags: [.read, .write], [.sparseMmap([SparseMmapArea(offset: 0, size: 0x1000)])])
    #expect(region.mmapAreas.isEmpty && !region.allowsMmap(offset: 0, count: 4))
  }

  @Test("The mmap flag without a sparse capability: the whole region")
  func whole() {
    let region = Self.region(flags: [.read, .write, .mmap])
    #expect(region.mmapAreas == [SparseMmapArea(offset: 0, size: 0x20000)])
    #expect(region.allowsMmap(offset: 0x1FFFC, count: 4) && !region.allowsMmap(offset: 0x1FFFC, count: 8))
  }

  @Test("Sparse areas: only those, empty ones dropped, ranges must fit one area")
  func sparse() {
    let areas = [SparseMmapArea(offset: 0, size: 0x2000), SparseMmapArea(offset: 0x3000, size: 0), SparseMmapArea(offset: 0x4000, size: 0x1000)]
    let region = Self.region(flags: [.read, .mmap, .capabilities], [.sparseMmap(areas), .msixMappable])
    #expect(region.mmapAreas == [areas[0], areas[2]])
    #expect(region.allowsMmap(offset: 0x1000, count: 0x1000) && !region.allowsMmap(offset: 0x1000, count: 0x1001))
    #expect(!region.allowsMmap(offset: 0x2000, count: 4) && region.allowsMmap(offset: 0x4FF8, count: 8))
    #expect(region.allowsMSIXTableMmap)
  }

  @Test("An area whose end overflows contains nothing past 2^64")
  func overflowingArea() {
    let area = SparseMmapArea(offset: .max - 7, size: 16)
    #expect(!area.contains(offset: .max - 3, count: 4))
    #expect(!SparseMmapArea(offset: 0, size: 16).contains(offset: .max, count: 2))
  }
}
