import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

/// The iommufd requests beyond bind, attach and map, against the real kernel: hardware info
/// of the emulated VT-d, explicit page tables (dirty tracking refused by QEMU 7.2's VT-d, which
/// lacks it), options, IOAS copy and allowed IOVAs, and map-file (Linux 6.13) or its typed refusal.
func runIOMMUFDSteps(_ log: inout StepLog, iommufd: borrowing IOMMUFD, cdev: String) throws {
  let device = try VFIODevice(cdev: FilePath(cdev))
  let id = try device.bind(to: iommufd)
  let ioas = try iommufd.makeIOAS()

  log.step("iommufd: hardware info of the IOMMU behind edu (IOMMU_GET_HW_INFO)") {
    let info = try iommufd.hardwareInfo(device: id)
    let vtd = try unwrap(info.intelVTd, "type \(info.type), \(info.data.count) bytes of data: not VT-d")
    try require(vtd.capabilityRegister != 0, "VT-d capability register 0")
    return "\(info.type), capabilities \(info.capabilities), cap_reg \(hex(vtd.capabilityRegister)),"
      + " ecap_reg \(hex(vtd.extendedCapabilityRegister)), PASID width \(info.maximumPASIDLog2)"
  }
  log.step("iommufd: a dirty-tracking page table is refused, typed, by an IOMMU without it") {
    do {
      _ = try iommufd.makeHWPT(device: id, pageTable: ioas.id, flags: .dirtyTracking)
    } catch let error as VFIOError {
      guard error.reason == .unsupported(.notSupported) else { throw error }
      return "\(error)"
    }
    throw GuestFailure("IOMMU_HWPT_ALLOC with dirty tracking succeeded on QEMU's VT-d")
  }
  log.step("iommufd: an explicit page table, attached and detached (IOMMU_HWPT_ALLOC)") {
    let hwpt = try iommufd.makeHWPT(device: id, pageTable: ioas.id)
    let attached = try device.attach(pageTable: hwpt.id)
    try require(attached == hwpt.id, "attached \(attached), not \(hwpt.id)")
    // A page table without dirty tracking has no dirty ops: both requests are EOPNOTSUPP.
    var refusals: [String] = []
    for request in ["set", "read"] {
      do {
        if request == "set" {
          try hwpt.setDirtyTracking(true)
        } else {
          var bitmap = try DirtyBitmap(baseIOVA: dmaIOVA, length: dmaSize, pageSize: 4096)
          try hwpt.readDirtyPages(into: &bitmap)
        }
        throw GuestFailure("dirty tracking \(request) succeeded on \(hwpt.id) made without it")
      } catch let error as VFIOError {
        guard error.reason == .unsupported(.notSupported) else { throw error }
        refusals.append(error.operation)
      }
    }
    try device.detachPageTable()
    return "\(hwpt.id) for \(id) over \(ioas.id); \(refusals.joined(separator: " and ")) refused as unsupported"
  }
  _ = try device.close()

  log.step("iommufd: options (IOMMU_OPTION: RLIMIT mode, huge pages)") {
    let mode = try iommufd.accountingMode()
    let fresh = try iommufd.makeIOAS()
    let before = try fresh.usesHugePages()
    try fresh.setHugePages(false)
    let after = try fresh.usesHugePages()
    try require(before && !after, "huge pages \(before) then \(after)")
    return "accounting \(mode); \(fresh.id) huge pages \(before), then \(after)"
  }
  log.step("iommufd: allowed IOVAs (IOMMU_IOAS_ALLOW_IOVAS)") {
    let fresh = try iommufd.makeIOAS()
    try fresh.allowIOVAs([0x100000...0x1FFFFF, 0x4000_0000...0x7FFF_FFFF])
    let ranges = try fresh.iovaRanges().ranges
    try require(ranges.contains { $0.contains(0x100000) && $0.contains(0x1FFFFF) }, "allowed range gone: \(ranges)")
    try fresh.allowIOVAs([])
    return "\(fresh.id) keeps 0x100000-0x1fffff and 0x40000000-0x7fffffff usable, then the list cleared"
  }
  log.step("iommufd: copy a mapping between IO address spaces (IOMMU_IOAS_COPY)") {
    let target = try iommufd.makeIOAS()
    let mapping = try ioas.map(GuestMemory(size: 4 * 4096), iova: dmaIOVA)
    try target.copy(from: ioas, sourceIOVA: dmaIOVA, length: mapping.size, iova: 0x300000)
    let copied = try target.unmapDMA(iova: 0x300000, size: mapping.size)
    try require(copied == mapping.size, "unmapped \(copied) of the copy")
    let released = try mapping.unmap().size
    return "\(released) bytes at \(hex(dmaIOVA)) of \(ioas.id) copied to \(hex(UInt64(0x300000))) of \(target.id), unmapped from both"
  }
  log.step("iommufd: map a file by descriptor (IOMMU_IOAS_MAP_FILE, Linux 6.13)") {
    // The initramfs root is tmpfs: a file on it is shmem, as a memfd is.
    let path: FilePath = "/iommufd-map-file"
    let file = try FileDescriptor.open(path, .readWrite, options: [.create, .truncate], permissions: .ownerReadWrite)
    defer { _ = try? file.close(); _ = unlink(path.string) }
    try require(ftruncate(file.rawValue, 16 * 4096) == 0, "ftruncate: errno \(errno)")
    do {
      try ioas.mapFile(file, offset: 4096, length: 8 * 4096, iova: 0x500000)
    } catch let error as VFIOError where KernelRelease.running < KernelRelease(6, 13) {
      guard error.reason == .unsupported(.inappropriateIOCTLForDevice) else { throw error }
      return "Linux \(KernelRelease.running) lacks it: \(error)"
    }
    let unmapped = try ioas.unmapDMA(iova: 0x500000, size: 8 * 4096)
    try require(unmapped == 8 * 4096, "unmapped \(unmapped)")
    return "8 pages of the file from offset 4096 at IOVA 0x500000, unmapped"
  }
}

func unwrap<T>(_ value: T?, _ message: @autoclosure () -> String) throws -> T {
  guard let value else { throw GuestFailure(message()) }
  return value
}
