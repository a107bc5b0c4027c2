#if canImport(Glibc)
import Glibc
#endif
import CVFIO
import SystemPackage
import VFIO

// Steps whose answer depends on the kernel generation. Where a kernel predates
// a feature, the step checks that the package reports the kernel's refusal as
// a typed error naming the request, and its name says so.

private let kernel = KernelRelease.running

/// Runs `body`, which must fail with `errno` as a `VFIOError` whose operation starts with `operation`.
private func refusal(_ operation: String, _ errno: Errno, _ body: () throws -> Void) throws -> String {
  do {
    try body()
  } catch let error as VFIOError {
    guard error.errno == errno, error.operation.hasPrefix(operation) else {
      throw GuestFailure("expected \(operation): \(VFIOError.symbol(of: errno)), got \(error)")
    }
    return "\(error)"
  }
  throw GuestFailure("expected \(operation) to fail with \(VFIOError.symbol(of: errno)); it succeeded")
}

/// Device features on edu, which has neither migration nor device dirty tracking.
func runFeatureGenerationSteps(_ log: inout StepLog, device: borrowing VFIODevice) {
  // From 6.2 on /dev/iommu depends on the kernel's configuration (Debian's
  // kernels leave it out; the cdev scenario rebuilds it), so only the older
  // kernels have an answer known in advance.
  if kernel < KernelRelease(6, 2) {
    log.step("iommufd absent before 6.2: IOMMUFD() → VFIOError open ENOENT") {
      try refusal("open", .noSuchFileOrDirectory) { _ = try IOMMUFD() }
    }
  }
  if kernel >= KernelRelease(6, 0) {
    log.step("LOW_POWER_ENTRY probe: supported for set (6.0+)") {
      try device.probeFeature(.lowPowerEntry, for: .set)
      return "\(DeviceFeature.lowPowerEntry) supported for set"
    }
  } else {
    // Before 6.0 vfio-pci knows one feature, the PCI VF token.
    log.step("LOW_POWER_ENTRY probe refused before 6.0: VFIOError ENOTTY") {
      try refusal("VFIO_DEVICE_FEATURE", .inappropriateIOCTLForDevice) {
        try device.probeFeature(.lowPowerEntry, for: .set)
      }
    }
  }

  let migrationName =
    kernel < KernelRelease(5, 18)
    ? "v2 migration state and data size refused before 5.18: VFIOError ENOTTY"
    : "v2 migration state and data size of a device that cannot migrate: VFIOError ENOTTY"
  log.step(migrationName) {
    let state = try refusal("VFIO_DEVICE_FEATURE(\(DeviceFeature.migrationDeviceState))", .inappropriateIOCTLForDevice) {
      _ = try device.migrationState()
    }
    let size = try refusal("VFIO_DEVICE_FEATURE(\(DeviceFeature.migrationDataSize))", .inappropriateIOCTLForDevice) {
      _ = try device.stopCopyDataSize()
    }
    return "\(state); \(size)"
  }

  let loggingName =
    kernel < KernelRelease(6, 2)
    ? "device DMA logging refused before 6.2: VFIOError ENOTTY"
    : "device DMA logging of a device without dirty tracking: VFIOError ENOTTY"
  log.step(loggingName) {
    try refusal("VFIO_DEVICE_FEATURE", .inappropriateIOCTLForDevice) {
      _ = try device.startDMALogging(ranges: [DMALoggingRange(iova: dmaIOVA, length: dmaSize)], pageSize: 4096)
    }
  }

  // vfio-pci's dma-buf export of BARs was merged for 6.19; 6.12 answers ENOTTY.
  if kernel >= KernelRelease(6, 19) {
    log.step("DMA_BUF: VFIODevice.dmaBuf of edu's first BAR0 page, an owned dma-buf (6.19+)") {
      try device.probeFeature(.dmaBuf, for: .get)
      let buffer = try device.dmaBuf(region: .pciBAR0, ranges: [RegionDMARange(offset: 0, length: 4096)])
      // A dma-buf's size is where SEEK_END lands.
      let size = try buffer.fileDescriptor.seek(offset: 0, from: .end)
      let fd = buffer.fileDescriptor.rawValue
      try buffer.close()
      try require(size == 4096, "dma-buf of \(size) bytes")
      return "probe supported; dma-buf fd \(fd) of \(size) bytes, closed by its owner"
    }
  } else {
    log.step("DMA_BUF refused before 6.19: VFIOError ENOTTY") {
      try refusal("VFIO_DEVICE_FEATURE", .inappropriateIOCTLForDevice) {
        _ = try device.dmaBuf(region: .pciBAR0, ranges: [RegionDMARange(offset: 0, length: 4096)])
      }
    }
  }
}

/// `VFIO_DMA_UNMAP_FLAG_ALL` (5.12+) through ``VFIOContainer/unmapAllDMA()``, with
/// nothing else mapped; the mappings' own unmap then finds nothing left.
func runUnmapAllStep(_ log: inout StepLog, container: borrowing VFIOContainer) {
  let iovas: [UInt64] = [0x20_0000, 0x30_0000]
  if kernel >= KernelRelease(5, 12) {
    log.step("UNMAP_ALL: capability reported, two mappings removed in one call (5.12+)") {
      try require(try container.supports(.unmapAll), "VFIO_UNMAP_ALL not reported")
      let first = try container.map(GuestMemory(size: dmaSize), iova: iovas[0])
      let second = try container.map(GuestMemory(size: dmaSize), iova: iovas[1])
      let unmapped = try container.unmapAllDMA()
      try require(unmapped == UInt64(iovas.count) * dmaSize, "\(unmapped) bytes unmapped")
      let again = try container.unmapDMA(iova: iovas[0], size: dmaSize)
      try require(again == 0, "\(again) bytes still mapped at \(hex(iovas[0]))")
      _ = try first.unmap()
      _ = try second.unmap()
      return "capability reported; \(unmapped) bytes unmapped, nothing left; the mappings' own unmap found nothing"
    }
  } else {
    log.step("UNMAP_ALL refused before 5.12: capability false, unmapAllDMA → VFIOError EINVAL, mapping kept") {
      try require(!(try container.supports(.unmapAll)), "VFIO_UNMAP_ALL reported")
      let mapping = try container.map(GuestMemory(size: dmaSize), iova: iovas[0])
      let answer = unmapAllAnswer(container)
      // The mapping must still be there, whatever the flag did.
      let unmapped = try container.unmapDMA(iova: iovas[0], size: dmaSize)
      _ = try mapping.unmap()
      try require(answer == VFIOError.symbol(of: .invalidArgument), "VFIO_IOMMU_UNMAP_DMA with ALL: \(answer)")
      try require(unmapped == dmaSize, "the refused ALL unmapped it: \(unmapped) bytes left")
      return "capability false; ALL: \(answer); \(unmapped) bytes then unmapped by range"
    }
  }
}

/// What `unmapAllDMA()` answered: "succeeded" or the errno's symbol.
private func unmapAllAnswer(_ container: borrowing VFIOContainer) -> String {
  do {
    try container.unmapAllDMA()
    return "succeeded"
  } catch {
    guard let errno = error.errno else { return "\(error)" }
    return VFIOError.symbol(of: errno)
  }
}
