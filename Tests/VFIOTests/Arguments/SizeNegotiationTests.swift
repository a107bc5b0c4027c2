import CVFIO
import SystemPackage
import Testing

@testable import VFIO

/// Answers an info ioctl the way vfio-pci's VFIO_DEVICE_GET_REGION_INFO does:
/// too small an argsz gets the CAPS flag, cap_offset 0 and the size needed;
/// a large enough one gets the chain copied after the struct.
func kernelRegionInfo(chain: [UInt8]) -> (UnsafeMutableRawPointer) -> Void {
  { argument in
    var info = argument.load(as: vfio_region_info.self)
    let fixed = MemoryLayout<vfio_region_info>.size
    info.flags = UInt32(VFIO_REGION_INFO_FLAG_CAPS | VFIO_REGION_INFO_FLAG_READ)
    info.size = 0x1000
    if Int(info.argsz) < fixed + chain.count {
      info.argsz = UInt32(fixed + chain.count)
      info.cap_offset = 0
    } else {
      chain.withUnsafeBytes { (argument + fixed).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
      info.cap_offset = UInt32(fixed)
    }
    argument.storeBytes(of: info, as: vfio_region_info.self)
  }
}

@Suite("argsz negotiation with the kernel")
struct SizeNegotiationTests {
  typealias Region = VariableLengthArgument<vfio_region_info>
  let fixed = MemoryLayout<vfio_region_info>.size

  /// The MSI-X mappable chain the e1000e BAR3 returns (argsz 40 in VM-TESTING.md).
  var msixChain: [UInt8] {
    var buffer = KernelInfoBuffer(vfio_region_info())
    buffer.append(capHeader(VFIO_REGION_INFO_CAP_MSIX_MAPPABLE), id: VFIO_REGION_INFO_CAP_MSIX_MAPPABLE)
    return Array(buffer.bytes.dropFirst(fixed))
  }

  @Test("Retries once with the size the kernel asks for, then decodes the chain")
  func retriesOnce() throws {
    var calls: [Int] = []
    let kernel = kernelRegionInfo(chain: msixChain)
    let info = try Region.negotiatingSize(vfio_region_info(), sizeLimit: 4096) { (argument) throws(Errno) in
      calls.append(Int(argument.load(as: vfio_region_info.self).argsz))
      kernel(argument)
    }
    #expect(calls == [fixed, fixed + msixChain.count])
    #expect(info.size == 40 && info.header.argsz == 40)
    #expect(try info.capabilities() == [.msixMappable])
  }

  @Test("One call when the kernel has no chain")
  func noChain() throws {
    var calls = 0
    let info = try Region.negotiatingSize(vfio_region_info(), sizeLimit: 4096) { (_) throws(Errno) in calls += 1 }
    #expect(calls == 1 && info.size == fixed)
    #expect(try info.capabilities().isEmpty)
  }

  @Test("A kernel asking for more on every call is given up on")
  func growingForever() {
    #expect(throws: ArgumentSizeError.reportedSizeKeptGrowing(sizes: [fixed, fixed + 8, fixed + 16, fixed + 24, fixed + 32])) {
      _ = try Region.negotiatingSize(vfio_region_info(), sizeLimit: 4096) { (argument) throws(Errno) in
        var info = argument.load(as: vfio_region_info.self)
        info.argsz += 8
        argument.storeBytes(of: info, as: vfio_region_info.self)
      }
    }
  }

  @Test("A kernel shrinking argsz below the fixed struct is refused")
  func shrinking() {
    #expect(throws: ArgumentSizeError.reportedSizeBelowFixedStruct(reported: 4, fixedSize: fixed)) {
      _ = try Region.negotiatingSize(vfio_region_info(), sizeLimit: 4096) { (argument) throws(Errno) in
        argument.storeBytes(of: UInt32(4), as: UInt32.self)
      }
    }
  }

  @Test("A kernel asking for more than the limit is refused before allocating")
  func aboveLimit() {
    #expect(throws: ArgumentSizeError.reportedSizeAboveLimit(reported: Int(UInt32.max), limit: 1 << 20)) {
      _ = try Region.negotiatingSize(vfio_region_info(), sizeLimit: 1 << 20) { (argument) throws(Errno) in
        argument.storeBytes(of: UInt32.max, as: UInt32.self)
      }
    }
  }

  @Test("An ioctl error is passed through")
  func errno() {
    #expect(throws: ArgumentSizeError.system(.permissionDenied)) {
      _ = try Region.negotiatingSize(vfio_region_info(), sizeLimit: 4096) { (_) throws(Errno) in
        throw .permissionDenied
      }
    }
  }

  @Test("Region, device and IOMMU info go through the real ioctl: /dev/null answers ENOTTY")
  func realDescriptor() throws {
    let null = try FileDescriptor.open("/dev/null", .readOnly)
    defer { try? null.close() }
    #expect(throws: ArgumentSizeError.system(.inappropriateIOCTLForDevice)) { _ = try DeviceDescriptor(null).regionInfo(index: .pciBAR0) }
    #expect(throws: ArgumentSizeError.system(.inappropriateIOCTLForDevice)) { _ = try DeviceDescriptor(null).deviceInfo() }
    #expect(throws: ArgumentSizeError.system(.inappropriateIOCTLForDevice)) { _ = try ContainerDescriptor(null).iommuInfo() }
  }

  @Test("The argument is zeroed, aligned, and argsz covers the payload")
  func layout() throws {
    var header = vfio_irq_set()
    header.index = 3
    let argument = try VariableLengthArgument(header, payloadSize: 13)
    #expect(argument.size == MemoryLayout<vfio_irq_set>.size + 13)
    #expect(Int(argument.header.argsz) == argument.size && argument.header.index == 3)
    argument.withUnsafeBytes { bytes in
      #expect(Int(bitPattern: bytes.baseAddress) % MemoryLayout<UInt64>.alignment == 0)
      #expect(bytes[MemoryLayout<vfio_irq_set>.size...].allSatisfy { $0 == 0 })
    }
    #expect(throws: ArgumentSizeError.payloadSizeOutOfRange(payloadSize: -1, fixedSize: MemoryLayout<vfio_irq_set>.size)) {
      _ = try VariableLengthArgument(vfio_irq_set(), payloadSize: -1)
    }
    #expect(throws: ArgumentSizeError.payloadSizeOutOfRange(payloadSize: Int(UInt32.max), fixedSize: MemoryLayout<vfio_irq_set>.size)) {
      _ = try VariableLengthArgument(vfio_irq_set(), payloadSize: Int(UInt32.max))
    }
  }
}
