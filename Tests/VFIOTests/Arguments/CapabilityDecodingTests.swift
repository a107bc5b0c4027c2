import CVFIO
import Testing

@testable import VFIO

@Suite("Capability chains decode what the kernel writes")
struct CapabilityDecodingTests {
  let areas = [
    vfio_region_sparse_mmap_area(offset: 0, size: 0x3000),
    vfio_region_sparse_mmap_area(offset: 0x4000, size: 0xc000),
  ]

  @Test("Region info: sparse mmap, type, MSI-X mappable, NVLink2 target and link speed", arguments: [true, false])
  func region(aligned: Bool) throws {
    var buffer = KernelInfoBuffer(vfio_region_info(), alignsCapabilities: aligned)
    var sparse = vfio_region_info_cap_sparse_mmap()
    sparse.header = capHeader(VFIO_REGION_INFO_CAP_SPARSE_MMAP)
    sparse.nr_areas = UInt32(areas.count)
    buffer.append(sparse, id: VFIO_REGION_INFO_CAP_SPARSE_MMAP, trailing: KernelInfoBuffer<vfio_region_info>.bytes(of: areas))
    let gfx = UInt32(bitPattern: VFIO_REGION_TYPE_GFX), edid = UInt32(bitPattern: VFIO_REGION_SUBTYPE_GFX_EDID)
    buffer.append(vfio_region_info_cap_type(header: capHeader(VFIO_REGION_INFO_CAP_TYPE), type: gfx, subtype: edid), id: VFIO_REGION_INFO_CAP_TYPE)
    buffer.append(capHeader(VFIO_REGION_INFO_CAP_MSIX_MAPPABLE), id: VFIO_REGION_INFO_CAP_MSIX_MAPPABLE)
    buffer.append(vfio_region_info_cap_nvlink2_ssatgt(header: capHeader(VFIO_REGION_INFO_CAP_NVLINK2_SSATGT), tgt: 0x2000_0000_0000), id: VFIO_REGION_INFO_CAP_NVLINK2_SSATGT)
    var speed = vfio_region_info_cap_nvlink2_lnkspd()
    speed.link_speed = 9
    buffer.append(speed, id: VFIO_REGION_INFO_CAP_NVLINK2_LNKSPD)
    buffer.info.flags = UInt32(VFIO_REGION_INFO_FLAG_CAPS)
    buffer.info.cap_offset = UInt32(MemoryLayout<vfio_region_info>.size)
    buffer.info.argsz = UInt32(buffer.bytes.count)

    #expect(
      try buffer.capabilities() == [
        .sparseMmap(areas.map { SparseMmapArea(offset: $0.offset, size: $0.size) }),
        .type(RegionTypeCapability(type: .gfx, subtype: .gfxEDID)),
        .msixMappable,
        .nvlink2SSATarget(0x2000_0000_0000),
        .nvlink2LinkSpeed(9),
      ])
  }

  @Test("Device info: zPCI base, group, utility string, function path, PCI atomic completer")
  func device() throws {
    var base = cvfio_device_info_cap_zpci_base()
    base.header = capHeader(VFIO_DEVICE_INFO_CAP_ZPCI_BASE, version: 2)
    (base.start_dma, base.end_dma, base.pchid, base.vfn, base.fmb_length, base.pft, base.gid, base.fh) =
      (0x1000, 0xffff_ffff, 0x1f, 3, 0x40, 5, 7, 0x8000_0001)
    // Version 2 has no ccdf_err_length: whatever the bytes there hold is not read.
    base.ccdf_err_length = 0x1234
    var group = cvfio_device_info_cap_zpci_group()
    group.header = capHeader(VFIO_DEVICE_INFO_CAP_ZPCI_GROUP, version: 2)
    (group.dasm, group.msi_addr, group.flags, group.mui, group.noi, group.maxstbl, group.version, group.imaxstbl) =
      (0xffff_0000, 0xfe00_0000, UInt64(VFIO_DEVICE_INFO_ZPCI_FLAG_REFRESH), 4, 2048, 0x800, 1, 0x1000)
    let utility: [UInt8] = [0xe4, 0xe3, 0xc9, 0xd3]
    let path: [UInt8] = [1, 2, 3]
    var util = vfio_device_info_cap_zpci_util()
    util.size = UInt32(utility.count)
    var pfip = vfio_device_info_cap_zpci_pfip()
    pfip.size = UInt32(path.count)
    var atomic = vfio_device_info_cap_pci_atomic_comp()
    atomic.flags = UInt32(VFIO_PCI_ATOMIC_COMP32 | VFIO_PCI_ATOMIC_COMP64)

    let buffer = deviceInfo { buffer in
      buffer.append(base, id: VFIO_DEVICE_INFO_CAP_ZPCI_BASE, version: 2)
      buffer.append(group, id: VFIO_DEVICE_INFO_CAP_ZPCI_GROUP, version: 2)
      buffer.append(util, id: VFIO_DEVICE_INFO_CAP_ZPCI_UTIL, trailing: utility)
      buffer.append(pfip, id: VFIO_DEVICE_INFO_CAP_ZPCI_PFIP, trailing: path)
      buffer.append(atomic, id: VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP)
    }
    let capabilities = try buffer.capabilities()
    guard case .zpciBase(let decodedBase) = capabilities.first,
      case .zpciGroup(let decodedGroup) = capabilities.dropFirst().first
    else { Issue.record("unexpected \(capabilities)"); return }
    #expect(decodedBase.startDMA == base.start_dma && decodedBase.endDMA == base.end_dma)
    #expect(decodedBase.pchid == base.pchid && decodedBase.vfn == base.vfn && decodedBase.fmbLength == base.fmb_length)
    #expect(decodedBase.pft == base.pft && decodedBase.gid == base.gid && decodedBase.fh == base.fh)
    #expect(decodedBase.ccdfErrorLength == nil)
    #expect(decodedGroup.dasm == group.dasm && decodedGroup.msiAddress == group.msi_addr && decodedGroup.flags == group.flags)
    #expect(decodedGroup.mui == group.mui && decodedGroup.noi == group.noi && decodedGroup.maxstbl == group.maxstbl)
    #expect(decodedGroup.version == group.version && decodedGroup.imaxstbl == group.imaxstbl)
    #expect(
      Array(capabilities.dropFirst(2)) == [
        .zpciUtility(utility), .zpciFunctionPath(path), .pciAtomicCompletion([.completer32, .completer64]),
      ])
  }

  @Test("A version 1 zPCI capability is decoded without the fields version 2 added")
  func zpciVersion1() throws {
    typealias Base = cvfio_device_info_cap_zpci_base
    typealias Group = cvfio_device_info_cap_zpci_group
    var base = Base()
    base.pchid = 0x1f
    let buffer = deviceInfo { buffer in
      // The v1 structs end where v2 added fields; unaligned, as kernels of that time wrote them.
      buffer.alignsCapabilities = false
      buffer.append(base, id: VFIO_DEVICE_INFO_CAP_ZPCI_BASE, truncatedTo: MemoryLayout<Base>.offset(of: \.fh)!)
      buffer.append(Group(), id: VFIO_DEVICE_INFO_CAP_ZPCI_GROUP, truncatedTo: MemoryLayout<Group>.offset(of: \.reserved)!)
    }
    let capabilities = try buffer.capabilities()
    guard case .zpciBase(let decodedBase) = capabilities.first, case .zpciGroup(let group) = capabilities.last
    else { Issue.record("unexpected \(capabilities)"); return }
    #expect(decodedBase.pchid == 0x1f && decodedBase.fh == nil)
    #expect(group.imaxstbl == nil)
  }

  @Test("A version 3 zPCI base capability (Linux 7.3) carries the error record's length; version 2 ends before it")
  func zpciBaseVersion3() throws {
    typealias Base = cvfio_device_info_cap_zpci_base
    var base = Base()
    (base.fh, base.ccdf_err_length) = (0x8000_0001, 0x1000)
    let version2End = MemoryLayout<Base>.offset(of: \.ccdf_err_length)!
    let buffer = deviceInfo { buffer in
      buffer.append(base, id: VFIO_DEVICE_INFO_CAP_ZPCI_BASE, version: 3)
      // Exactly the fields of version 2, without the tail padding its struct had.
      buffer.alignsCapabilities = false
      buffer.append(base, id: VFIO_DEVICE_INFO_CAP_ZPCI_BASE, version: 2, truncatedTo: version2End)
    }
    let capabilities = try buffer.capabilities()
    guard case .zpciBase(let version3) = capabilities.first, case .zpciBase(let version2) = capabilities.last
    else { Issue.record("unexpected \(capabilities)"); return }
    #expect(version3.fh == base.fh && version3.ccdfErrorLength == base.ccdf_err_length)
    #expect(version2.fh == base.fh && version2.ccdfErrorLength == nil)
  }

  /// The chain the type1 IOMMU returned in the project's VM (VM-TESTING.md):
  /// two IOVA ranges, MIGRATION and DMA_AVAIL; argsz 116 on Linux 6.1, whose
  /// capabilities were packed, and 120 on 6.12, which aligns them to 8 bytes.
  @Test("IOMMU info: IOVA ranges, migration, DMA available, packed (6.1) and aligned (6.12)", arguments: [(false, 116), (true, 120)])
  func iommu(aligned: Bool, kernelArgsz: Int) throws {
    let ranges = [vfio_iova_range(start: 0, end: 0xfedf_ffff), vfio_iova_range(start: 0xfef0_0000, end: 0xffff_ffff_ffff)]
    let buffer = iommuInfo(alignsCapabilities: aligned) { buffer in
      var iova = vfio_iommu_type1_info_cap_iova_range()
      iova.nr_iovas = UInt32(ranges.count)
      buffer.append(iova, id: VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE, trailing: KernelInfoBuffer<vfio_iommu_type1_info>.bytes(of: ranges))
      var migration = vfio_iommu_type1_info_cap_migration()
      (migration.pgsize_bitmap, migration.max_dirty_bitmap_size) = (0x1000, 256 << 20)
      buffer.append(migration, id: VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION)
      var available = vfio_iommu_type1_info_dma_avail()
      available.avail = 65535
      buffer.append(available, id: VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL)
    }
    #expect(buffer.bytes.count == kernelArgsz)
    #expect(
      try buffer.capabilities() == [
        .iovaRanges(ranges.map { IOVARange(start: $0.start, end: $0.end) }),
        .migration(IOMMUMigrationInfo(flags: 0, pageSizes: 0x1000, maximumDirtyBitmapSize: 256 << 20)),
        .dmaAvailable(65535),
      ])
  }

  @Test("An unknown id is surfaced raw: id, version, offset and bytes")
  func unknown() throws {
    let payload: [UInt8] = [0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4]
    let buffer = regionInfo { buffer in
      buffer.append(capHeader(0x7777, version: 3), id: 0x7777, version: 3, trailing: payload)
    }
    let offset = MemoryLayout<vfio_region_info>.size
    let raw = try #require(try buffer.rawCapabilities().first)
    #expect(raw.id == 0x7777 && raw.version == 3 && raw.offset == offset)
    #expect(Array(raw.bytes.dropFirst(MemoryLayout<vfio_info_cap_header>.size)) == payload)
    #expect(try buffer.capabilities() == [.unknown(raw)])
  }

  @Test("Without the CAPS flag there is no chain, whatever cap_offset says")
  func flagGatesTheChain() throws {
    var buffer = regionInfo { $0.append(capHeader(VFIO_REGION_INFO_CAP_MSIX_MAPPABLE), id: VFIO_REGION_INFO_CAP_MSIX_MAPPABLE) }
    buffer.info.flags = 0
    #expect(try buffer.capabilities().isEmpty)
  }

  @Test("cap_offset 0 with the CAPS flag (argsz was too small) is an empty chain")
  func zeroOffset() throws {
    var buffer = regionInfo { _ in }
    buffer.info.cap_offset = 0
    #expect(try buffer.capabilities().isEmpty)
  }
}
