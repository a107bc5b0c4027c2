import CVFIO
import SystemPackage
import Testing

@testable import VFIO

@Suite("Dirty-tracking requests")
struct DirtyRequestTests {
  func payload<Header, Payload>(_ argument: borrowing VariableLengthArgument<Header>, as _: Payload.Type) -> Payload {
    argument.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: MemoryLayout<Header>.size, as: Payload.self) }
  }

  @Test("Type1 start and stop: the flag alone, argsz the fixed struct")
  func startStop() {
    let start = Type1DirtyPagesArgument.startDirtyTracking
    let stop = Type1DirtyPagesArgument.stopDirtyTracking
    #expect(start.header.flags == UInt32(VFIO_IOMMU_DIRTY_PAGES_FLAG_START))
    #expect(stop.header.flags == UInt32(VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP))
    #expect(Int(start.header.argsz) == MemoryLayout<vfio_iommu_type1_dirty_bitmap>.size)
  }

  @Test("Type1 get-bitmap: argsz covers the get struct, the kernel writes the bitmap's words")
  func getBitmap() throws {
    var bitmap = try DirtyBitmap(baseIOVA: 0x4000_0000, length: 100 * 4096, pageSize: 4096)
    bitmap.withType1GetBitmapArgument { argument in
      #expect(argument.header.flags == UInt32(VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP))
      #expect(
        Int(argument.header.argsz)
          == MemoryLayout<vfio_iommu_type1_dirty_bitmap>.size + MemoryLayout<vfio_iommu_type1_dirty_bitmap_get>.size)
      let get = payload(argument, as: vfio_iommu_type1_dirty_bitmap_get.self)
      #expect(get.iova == 0x4000_0000 && get.size == 100 * 4096)
      #expect(get.bitmap.pgsize == 4096 && get.bitmap.size == 16)
      // What the kernel does with the pointer: set bits, including one past the range.
      get.bitmap.data[0] = 0b1011
      get.bitmap.data[1] = 1 << 35 | 1 << 40
    }
    #expect(Array(bitmap.dirtyPageIndices) == [0, 1, 3, 99])
    #expect(Array(bitmap.dirtyRanges) == [
      DirtyRange(iova: 0x4000_0000, length: 2 * 4096), DirtyRange(iova: 0x4000_0000 + 3 * 4096, length: 4096),
      DirtyRange(iova: 0x4000_0000 + 99 * 4096, length: 4096),
    ])
  }

  @Test("Type1 unmap with GET_DIRTY_BITMAP: vfio_bitmap in data[]")
  func unmap() throws {
    var bitmap = try DirtyBitmap(baseIOVA: 0x10_0000, length: 1 << 20, pageSize: 4096)
    bitmap.withType1UnmapArgument { argument in
      let header = argument.header
      #expect(header.flags == UInt32(VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP))
      #expect(header.iova == 0x10_0000 && header.size == 1 << 20)
      #expect(Int(header.argsz) == MemoryLayout<vfio_iommu_type1_dma_unmap>.size + MemoryLayout<vfio_bitmap>.size)
      let described = payload(argument, as: vfio_bitmap.self)
      #expect(described.pgsize == 4096 && described.size == 32)
      described.data[3] = 1 << 63
    }
    #expect(Array(bitmap.dirtyPageIndices) == [255])
  }

  @Test("Device DMA logging start: SET | START, the control struct, the ranges it points to")
  func loggingStart() throws {
    let ranges = [DMALoggingRange(iova: 0, length: 1 << 30), DMALoggingRange(iova: 1 << 32, length: 1 << 21)]
    let chosen = try DeviceFeatureArgument.withStartDMALogging(ranges: ranges, pageSize: 4096) { (argument) -> UInt64? in
      #expect(argument.header.flags == UInt32(VFIO_DEVICE_FEATURE_DMA_LOGGING_START) | UInt32(VFIO_DEVICE_FEATURE_SET))
      #expect(
        Int(argument.header.argsz)
          == MemoryLayout<vfio_device_feature>.size + MemoryLayout<vfio_device_feature_dma_logging_control>.size)
      guard let control = argument.dmaLoggingControl,
        let pointer = UnsafePointer<vfio_device_feature_dma_logging_range>(bitPattern: UInt(control.ranges))
      else {
        Issue.record("no control payload or range pointer")
        return nil
      }
      #expect(control.page_size == 4096 && control.num_ranges == 2)
      let sent = UnsafeBufferPointer(start: pointer, count: 2).map { [$0.iova, $0.length] }
      #expect(sent == ranges.map { [$0.iova, $0.length] })
      // The device picks its own granularity and writes it back.
      argument.withUnsafeMutablePayload { $0.storeBytes(of: UInt64(1 << 21), as: UInt64.self) }
      return argument.dmaLoggingControl?.page_size
    }
    #expect(chosen == 1 << 21)
  }

  @Test("Device DMA logging start refuses what the kernel would")
  func loggingStartErrors() {
    let one = [DMALoggingRange(iova: 0, length: 4096)]
    #expect(throws: DirtyPageError.noRanges) { _ = try DeviceFeatureArgument.withStartDMALogging(ranges: [], pageSize: 4096) { _ in } }
    #expect(throws: DirtyPageError.pageSizeNotPowerOfTwo(4095)) {
      _ = try DeviceFeatureArgument.withStartDMALogging(ranges: one, pageSize: 4095) { _ in }
    }
    #expect(throws: DirtyPageError.rangeOverflows(iova: .max, length: 2)) {
      _ = try DeviceFeatureArgument.withStartDMALogging(ranges: [DMALoggingRange(iova: .max, length: 2)], pageSize: 4096) { _ in }
    }
    #expect(throws: DirtyPageError.emptyRange) {
      _ = try DeviceFeatureArgument.withStartDMALogging(ranges: [DMALoggingRange(iova: 0, length: 0)], pageSize: 4096) { _ in }
    }
  }

  @Test("Device DMA logging stop and report")
  func loggingStopReport() throws {
    let stop = DeviceFeatureArgument.stopDMALogging
    #expect(stop.header.flags == UInt32(VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP) | UInt32(VFIO_DEVICE_FEATURE_SET))
    #expect(Int(stop.header.argsz) == MemoryLayout<vfio_device_feature>.size)

    var bitmap = try DirtyBitmap(baseIOVA: 1 << 32, length: 64 << 21, pageSize: 1 << 21)
    bitmap.markDirty(page: 1)
    bitmap.withDMALoggingReportArgument { argument in
      #expect(argument.header.flags == UInt32(VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT) | UInt32(VFIO_DEVICE_FEATURE_GET))
      #expect(
        Int(argument.header.argsz)
          == MemoryLayout<vfio_device_feature>.size + MemoryLayout<vfio_device_feature_dma_logging_report>.size)
      let report = payload(argument, as: vfio_device_feature_dma_logging_report.self)
      #expect(report.iova == 1 << 32 && report.length == 64 << 21 && report.page_size == 1 << 21)
      UnsafeMutablePointer<UInt64>(bitPattern: UInt(report.bitmap))?.pointee |= 1 << 7
    }
    #expect(Array(bitmap.dirtyPageIndices) == [1, 7])
  }

  @Test("The requests go through the real ioctl: /dev/null answers ENOTTY")
  func realDescriptor() throws {
    let null = try FileDescriptor.open("/dev/null", .readOnly)
    defer { try? null.close() }
    let container = ContainerDescriptor(null), device = DeviceDescriptor(null)
    var bitmap = try DirtyBitmap(baseIOVA: 0, length: 1 << 20, pageSize: 4096)
    let enotty = Errno.inappropriateIOCTLForDevice
    #expect(throws: enotty) { try container.startDirtyPageTracking() }
    #expect(throws: enotty) { try container.readDirtyPages(into: &bitmap) }
    #expect(throws: enotty) { _ = try container.unmapDMA(collectingDirtyPagesInto: &bitmap) }
    #expect(throws: enotty) { try container.stopDirtyPageTracking() }
    #expect(throws: DirtyPageError.system(enotty)) {
      _ = try device.startDMALogging(ranges: [DMALoggingRange(iova: 0, length: 1 << 20)], pageSize: 4096)
    }
    #expect(throws: enotty) { try device.reportDMALogging(into: &bitmap) }
    #expect(throws: enotty) { try device.stopDMALogging() }
  }
}
