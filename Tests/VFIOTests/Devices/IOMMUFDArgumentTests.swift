import CVFIO
import SystemPackage
import Testing
@testable import VFIO

/// The arguments the iommufd calls build, field by field, against the newest header's values
/// (the C compiler's, through IOMMUFDHeaderTests' oracle), and what the package makes of answers.
@Suite("iommufd arguments")
struct IOMMUFDArgumentTests {
  /// `name` as the newest iommufd.h defines it.
  static func c(_ name: String) throws -> UInt64 {
    try #require(try IOMMUFDHeaderTests.cValues([name])[name], "\(name) in the newest iommufd.h")
  }

  @Test("HWPT allocation: device, page table, flags, no data, no fault queue")
  func hwptAlloc() throws {
    let request = cvfio_iommu_hwpt_alloc.allocating(
      device: IOMMUFDDeviceID(rawValue: 3), pageTable: 5, flags: [.dirtyTracking, .nestParent])
    #expect(UInt64(request.flags) == (try Self.c("IOMMU_HWPT_ALLOC_DIRTY_TRACKING")) | (try Self.c("IOMMU_HWPT_ALLOC_NEST_PARENT")))
    #expect(request.dev_id == 3 && request.pt_id == 5)
    #expect(UInt64(request.data_type) == (try Self.c("IOMMU_HWPT_DATA_NONE")))
    #expect(request.data_len == 0 && request.data_uptr == 0 && request.fault_id == 0 && request.__reserved == 0)
  }

  @Test("Dirty tracking on and off", arguments: [true, false])
  func setDirtyTracking(_ enabled: Bool) throws {
    let request = iommu_hwpt_set_dirty_tracking.tracking(enabled, hwpt: HWPTID(rawValue: 7))
    #expect(UInt64(request.flags) == (enabled ? try Self.c("IOMMU_HWPT_DIRTY_TRACKING_ENABLE") : 0))
    #expect(request.hwpt_id == 7)
  }

  @Test("The dirty bitmap request covers the bitmap's words, range and page size", arguments: [true, false])
  func dirtyBitmap(_ clear: Bool) throws {
    var bitmap = try DirtyBitmap(baseIOVA: 0x200000, length: 130 * 4096, pageSize: 4096)
    let noClear = try Self.c("IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR")
    bitmap.withIOMMUFDDirtyBitmapArgument(hwpt: HWPTID(rawValue: 7), clear: clear) { request in
      #expect(request.hwpt_id == 7 && request.iova == 0x200000 && request.length == 130 * 4096 && request.page_size == 4096)
      #expect(UInt64(request.flags) == (clear ? 0 : noClear))
      // The kernel writes three words (130 bits); one past the last page is cleared afterwards.
      let words = UnsafeMutablePointer<UInt64>(bitPattern: UInt(request.data))
      words?[0] = 1
      words?[2] = 0b111
    }
    #expect(Array(bitmap.dirtyPageIndices) == [0, 128, 129])
  }

  @Test("Map file: fixed IOVA, access, descriptor and offset")
  func mapFile() throws {
    let request = iommu_ioas_map_file.mapping(
      FileDescriptor(rawValue: 9), offset: 0x2000, length: 0x4000, iova: 0x100000, access: .read, ioas: IOASID(rawValue: 5))
    #expect(UInt64(request.flags) == (try Self.c("IOMMU_IOAS_MAP_FIXED_IOVA")) | (try Self.c("IOMMU_IOAS_MAP_READABLE")))
    #expect(request.ioas_id == 5 && request.fd == 9 && request.start == 0x2000 && request.length == 0x4000 && request.iova == 0x100000)
  }

  @Test("Copy: source and destination in their own fields")
  func copy() throws {
    let request = iommu_ioas_copy.copying(
      from: IOASID(rawValue: 5), sourceIOVA: 0x10000, length: 4096, to: IOASID(rawValue: 6), iova: 0x20000, access: [.read, .write])
    let flags = try ["IOMMU_IOAS_MAP_FIXED_IOVA", "IOMMU_IOAS_MAP_READABLE", "IOMMU_IOAS_MAP_WRITEABLE"].map(Self.c).reduce(0, |)
    #expect(UInt64(request.flags) == flags)
    #expect(request.src_ioas_id == 5 && request.dst_ioas_id == 6)
    #expect(request.src_iova == 0x10000 && request.dst_iova == 0x20000 && request.length == 4096)
  }

  @Test("Options: get leaves the value zero, set carries it")
  func option() throws {
    let get = iommu_option.request(.hugePages, object: 5, set: nil)
    #expect(UInt64(get.option_id) == (try Self.c("IOMMU_OPTION_HUGE_PAGES")) && get.object_id == 5)
    #expect(UInt64(get.op) == (try Self.c("IOMMU_OPTION_OP_GET")) && get.val64 == 0)
    let set = iommu_option.request(.rlimitMode, object: 0, set: 1)
    #expect(UInt64(set.option_id) == (try Self.c("IOMMU_OPTION_RLIMIT_MODE")) && set.object_id == 0)
    #expect(UInt64(set.op) == (try Self.c("IOMMU_OPTION_OP_SET")) && set.val64 == 1)
  }

  @Test("Hardware info keeps no more data than the kernel claims, nor than it was given")
  func hardwareInfo() {
    var request = cvfio_iommu_hw_info()
    request.out_data_type = IOMMUHardwareInfoType.intelVTd.rawValue
    request.out_capabilities = IOMMUHardwareCapabilities.dirtyTracking.rawValue | 1 << 40
    request.data_len = 8
    let short = IOMMUHardwareInfo(request, data: Array(repeating: 0xAB, count: 24))
    #expect(short.data.count == 8 && short.dataLength == 8 && short.intelVTd == nil)
    #expect(short.capabilities.contains(.dirtyTracking) && "\(short.capabilities)" == "[.dirtyTracking, 0x10000000000]")
    request.data_len = .max
    let long = IOMMUHardwareInfo(request, data: Array(repeating: 0, count: 24))
    #expect(long.data.count == 24 && long.intelVTd == IOMMUHardwareInfo.IntelVTd(flags: 0, capabilityRegister: 0, extendedCapabilityRegister: 0))
  }

  @Test("ENOTTY and EOPNOTSUPP read as unsupported, and still carry the errno")
  func unsupportedDescription() {
    let tty = VFIOError(operation: "IOMMU_IOAS_MAP_FILE", target: "iommufd, IOAS 1", reason: .unsupported(.inappropriateIOCTLForDevice))
    #expect(tty.description.hasPrefix("IOMMU_IOAS_MAP_FILE on iommufd, IOAS 1: not supported by this kernel (ENOTTY"))
    #expect(tty.errno == .inappropriateIOCTLForDevice)
    let op = VFIOError(operation: "IOMMU_HWPT_ALLOC", target: "iommufd", reason: .unsupported(.notSupported))
    #expect(op.description.contains("not supported by this kernel or its IOMMU (EOPNOTSUPP"))
  }
}
