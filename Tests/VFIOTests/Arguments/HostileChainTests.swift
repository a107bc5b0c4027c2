import CVFIO
import Testing

@testable import VFIO

/// A malformed info buffer and the exact error it must produce.
struct HostileChain: Sendable, CustomTestStringConvertible {
  enum Info: Sendable { case region, device, iommu }
  let name: String
  let info: Info
  let bytes: [UInt8]
  let expected: CapabilityChainError

  var testDescription: String { name }

  func parse() throws(CapabilityChainError) {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(CapabilityChainError) in
        switch info {
        case .region: _ = try vfio_region_info.capabilities(in: buffer)
        case .device: _ = try vfio_device_info.capabilities(in: buffer)
        case .iommu: _ = try vfio_iommu_type1_info.capabilities(in: buffer)
        }
      }
    }
    try result.get()
  }
}

private let regionSize = MemoryLayout<vfio_region_info>.size
private let headerSize = MemoryLayout<vfio_info_cap_header>.size
private let msix = VFIO_REGION_INFO_CAP_MSIX_MAPPABLE

private func region(_ build: (inout KernelInfoBuffer<vfio_region_info>) -> Void) -> [UInt8] {
  regionInfo(build).bytes
}

/// Two MSI-X capabilities at `regionSize` and `regionSize + 8`, then `edit`.
private func twoCapabilities(_ edit: (inout KernelInfoBuffer<vfio_region_info>) -> Void) -> [UInt8] {
  var buffer = regionInfo { buffer in
    buffer.append(capHeader(msix), id: msix)
    buffer.append(capHeader(msix), id: msix)
  }
  edit(&buffer)
  return buffer.bytes
}

let hostileChains: [HostileChain] = {
  let second = regionSize + headerSize
  var cases: [HostileChain] = []
  func add(_ name: String, _ info: HostileChain.Info, _ bytes: [UInt8], _ expected: CapabilityChainError) {
    cases.append(HostileChain(name: name, info: info, bytes: bytes, expected: expected))
  }
  func add(_ name: String, _ bytes: [UInt8], _ expected: CapabilityChainError) {
    add(name, .region, bytes, expected)
  }

  add(
    "next points to its own capability (cycle)",
    twoCapabilities { $0.setNext(of: regionSize, to: UInt32(regionSize)) },
    .nextPointsToItself(offset: regionSize))
  add(
    "next points backwards (cycle of two)",
    twoCapabilities { $0.setNext(of: second, to: UInt32(regionSize)) },
    .nextPointsBackward(offset: second, next: regionSize))
  add(
    "next points backwards into the fixed struct",
    twoCapabilities { $0.setNext(of: second, to: 4) },
    .nextPointsBackward(offset: second, next: 4))
  add(
    "next lands inside the current header",
    twoCapabilities { $0.setNext(of: regionSize, to: UInt32(regionSize + 4)) },
    .nextOverlapsHeader(offset: regionSize, next: regionSize + 4))
  add(
    "next points exactly at argsz",
    twoCapabilities { $0.setNext(of: second, to: UInt32(second + headerSize)) },
    .headerOutOfBounds(offset: second + headerSize, size: second + headerSize))
  add(
    "next points far past argsz",
    twoCapabilities { $0.setNext(of: regionSize, to: 0xffff_fff0) },
    .headerOutOfBounds(offset: 0xffff_fff0, size: second + headerSize))
  add(
    "next header straddles argsz",
    twoCapabilities { $0.setNext(of: regionSize, to: UInt32(second + 4)) },
    .headerOutOfBounds(offset: second + 4, size: second + headerSize))
  add(
    "cap_offset past argsz",
    twoCapabilities { $0.info.cap_offset = 4096 },
    .headerOutOfBounds(offset: 4096, size: second + headerSize))
  add(
    "chain present in memory but beyond argsz",
    twoCapabilities { $0.info.argsz = UInt32(regionSize + 4) },
    .headerOutOfBounds(offset: regionSize, size: regionSize + 4))
  add(
    "cap_offset inside the fixed struct",
    twoCapabilities { $0.info.cap_offset = 8 },
    .firstCapabilityInsideFixedStruct(offset: 8, fixedSize: regionSize))
  add(
    "argsz smaller than the fixed struct",
    twoCapabilities { $0.info.argsz = 16 },
    .bufferShorterThanFixedStruct(size: 16, fixedSize: regionSize))
  add(
    "buffer shorter than the fixed struct",
    Array(twoCapabilities { _ in }.prefix(10)),
    .bufferShorterThanFixedStruct(size: 10, fixedSize: regionSize))

  let typeSize = MemoryLayout<vfio_region_info_cap_type>.size
  let type = VFIO_REGION_INFO_CAP_TYPE
  add(
    "TYPE capability cut short by the end of the buffer",
    region { buffer in
      buffer.alignsCapabilities = false
      buffer.append(vfio_region_info_cap_type(), id: type, truncatedTo: typeSize - 4)
    },
    .capabilityTooShort(id: UInt16(type), offset: regionSize, size: typeSize - 4, required: typeSize))
  add(
    "TYPE capability cut short by the next capability",
    twoCapabilities { buffer in
      buffer.store(capHeader(type), at: regionSize)
      buffer.setNext(of: regionSize, to: UInt32(second))
    },
    .capabilityTooShort(id: UInt16(type), offset: regionSize, size: headerSize, required: typeSize))
  let ssatgtSize = MemoryLayout<vfio_region_info_cap_nvlink2_ssatgt>.size
  let ssatgt = VFIO_REGION_INFO_CAP_NVLINK2_SSATGT
  add(
    "NVLink2 SSATGT shorter than its struct",
    region { buffer in
      buffer.alignsCapabilities = false
      buffer.append(vfio_region_info_cap_nvlink2_ssatgt(), id: ssatgt, truncatedTo: ssatgtSize - 1)
    },
    .capabilityTooShort(id: UInt16(ssatgt), offset: regionSize, size: ssatgtSize - 1, required: ssatgtSize))

  let sparse = VFIO_REGION_INFO_CAP_SPARSE_MMAP
  let areaSize = MemoryLayout<vfio_region_sparse_mmap_area>.stride
  func sparseMmap(claiming count: UInt32, holding held: Int) -> [UInt8] {
    region { buffer in
      var cap = vfio_region_info_cap_sparse_mmap()
      cap.nr_areas = count
      buffer.append(
        cap, id: sparse,
        trailing: [UInt8](repeating: 0xab, count: held * areaSize))
    }
  }
  add(
    "nr_areas one more than the areas present",
    sparseMmap(claiming: 3, holding: 2),
    .arrayExceedsCapability(
      id: UInt16(sparse), offset: regionSize, count: 3, elementSize: areaSize, available: 2 * areaSize))
  add(
    "nr_areas = UInt32.max",
    sparseMmap(claiming: .max, holding: 1),
    .arrayExceedsCapability(
      id: UInt16(sparse), offset: regionSize, count: .max, elementSize: areaSize, available: areaSize))

  let iommuSize = MemoryLayout<vfio_iommu_type1_info>.size
  let iovaRange = VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE
  let rangeSize = MemoryLayout<vfio_iova_range>.stride
  add(
    "nr_iovas whose byte size exceeds the capability", .iommu,
    iommuInfo { buffer in
      var cap = vfio_iommu_type1_info_cap_iova_range()
      cap.nr_iovas = 0x1000_0000
      buffer.append(cap, id: iovaRange)
    }.bytes,
    .arrayExceedsCapability(id: UInt16(iovaRange), offset: iommuSize, count: 0x1000_0000, elementSize: rangeSize, available: 0))
  let migrationSize = MemoryLayout<vfio_iommu_type1_info_cap_migration>.size
  let migration = VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION
  add(
    "MIGRATION capability shorter than its struct", .iommu,
    iommuInfo(alignsCapabilities: false) { buffer in
      buffer.append(vfio_iommu_type1_info_cap_migration(), id: migration, truncatedTo: migrationSize - 8)
    }.bytes,
    .capabilityTooShort(id: UInt16(migration), offset: iommuSize, size: migrationSize - 8, required: migrationSize))

  let deviceSize = MemoryLayout<vfio_device_info>.size
  let util = VFIO_DEVICE_INFO_CAP_ZPCI_UTIL
  add(
    "zPCI utility string size past the capability", .device,
    deviceInfo { buffer in
      var cap = vfio_device_info_cap_zpci_util()
      cap.size = 0xffff_ffff
      buffer.alignsCapabilities = false
      buffer.append(cap, id: util, trailing: [1, 2, 3])
    }.bytes,
    .arrayExceedsCapability(
      id: UInt16(util), offset: deviceSize, count: 0xffff_ffff, elementSize: 1, available: 3))
  let zpciBase = VFIO_DEVICE_INFO_CAP_ZPCI_BASE
  let baseSize = MemoryLayout<cvfio_device_info_cap_zpci_base>.size
  let baseV1 = MemoryLayout<cvfio_device_info_cap_zpci_base>.offset(of: \.fh)!
  let baseV2 = MemoryLayout<cvfio_device_info_cap_zpci_base>.offset(of: \.ccdf_err_length)!
  add(
    "zPCI base version 2 with only the version 1 fields", .device,
    deviceInfo { buffer in
      buffer.alignsCapabilities = false
      buffer.append(cvfio_device_info_cap_zpci_base(), id: zpciBase, version: 2, truncatedTo: baseV1)
    }.bytes,
    .capabilityTooShort(id: UInt16(zpciBase), offset: deviceSize, size: baseV1, required: baseV2))
  add(
    "zPCI base version 3 with only the version 2 fields", .device,
    deviceInfo { buffer in
      buffer.alignsCapabilities = false
      buffer.append(cvfio_device_info_cap_zpci_base(), id: zpciBase, version: 3, truncatedTo: baseV2)
    }.bytes,
    .capabilityTooShort(id: UInt16(zpciBase), offset: deviceSize, size: baseV2, required: baseSize))
  add(
    "zPCI base version 1 shorter than version 1", .device,
    deviceInfo { buffer in
      buffer.alignsCapabilities = false
      buffer.append(cvfio_device_info_cap_zpci_base(), id: zpciBase, truncatedTo: baseV1 - 1)
    }.bytes,
    .capabilityTooShort(id: UInt16(zpciBase), offset: deviceSize, size: baseV1 - 1, required: baseV1))
  return cases
}()

@Suite("Hostile capability chains give exact typed errors")
struct HostileChainTests {
  @Test(arguments: hostileChains)
  func rejects(_ chain: HostileChain) {
    #expect(throws: chain.expected) { try chain.parse() }
  }

  @Test("Every hostile case was checked")
  func count() {
    print("checked \(hostileChains.count) hostile capability chains for their exact error")
    #expect(hostileChains.count >= 20)
  }

  @Test("Misaligned capabilities (odd offsets) decode through unaligned loads", arguments: 1...7)
  func misaligned(shift: Int) throws {
    let area = vfio_region_sparse_mmap_area(offset: 0x1_0000, size: 0x2000)
    var buffer = KernelInfoBuffer(vfio_region_info(), alignsCapabilities: false)
    buffer.bytes += [UInt8](repeating: 0, count: shift)
    var sparse = vfio_region_info_cap_sparse_mmap()
    sparse.nr_areas = 1
    let first = buffer.append(sparse, id: VFIO_REGION_INFO_CAP_SPARSE_MMAP, trailing: KernelInfoBuffer<vfio_region_info>.bytes(of: [area]))
    buffer.append(vfio_region_info_cap_nvlink2_ssatgt(header: capHeader(0), tgt: 0x1234_5678_9abc), id: VFIO_REGION_INFO_CAP_NVLINK2_SSATGT)
    buffer.info.flags = UInt32(VFIO_REGION_INFO_FLAG_CAPS)
    buffer.info.cap_offset = UInt32(first)
    buffer.info.argsz = UInt32(buffer.bytes.count)
    #expect(first % 8 == shift)
    #expect(try buffer.capabilities() == [.sparseMmap([SparseMmapArea(offset: 0x1_0000, size: 0x2000)]), .nvlink2SSATarget(0x1234_5678_9abc)])
  }

  @Test("An element count whose byte size overflows Int is refused, not multiplied")
  func overflow() {
    #expect(arrayByteCount(count: .max, stride: 16) == nil)
    #expect(arrayByteCount(count: UInt64(Int.max / 8), stride: 16) == nil)
    #expect(arrayByteCount(count: 3, stride: 16) == 48)
  }

  @Test("A chain of back-to-back headers ends: the walk is bounded by the buffer")
  func longChain() throws {
    let buffer = regionInfo { buffer in
      for _ in 0..<1000 { buffer.append(capHeader(0x99), id: 0x99) }
    }
    #expect(try buffer.rawCapabilities().count == 1000)
  }
}
