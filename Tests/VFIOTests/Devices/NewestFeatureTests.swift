#if DEBUG
import CVFIO
import Glibc
import SystemPackage
import Testing
@testable import VFIO

/// The newest header's additions, driven through a stand-in kernel that records what each call
/// passes: they build the argument the newest header defines on every generation.
@Suite("The newest kernel's additions on every header generation")
struct NewestFeatureTests {
  /// Records each call's request and a copy of the bytes the argument points to (and, for a bind
  /// with a token, the 16 bytes the token pointer points to, while the call runs).
  final class RecordingKernel: @unchecked Sendable {
    var requests: [UInt] = []
    var arguments: [[UInt8]] = []
    var tokens: [[UInt8]] = []
    let size: Int
    let answer: CInt
    init(argumentSize: Int, answer: CInt = 0) { size = argumentSize; self.answer = answer }
    func call(_: CInt, _ request: UInt, _ argument: UInt) -> CInt {
      requests.append(request)
      guard let pointer = UnsafeRawPointer(bitPattern: argument) else { return answer }
      let bytes = UnsafeRawBufferPointer(start: pointer, count: size)
      arguments.append(Array(bytes))
      if size == MemoryLayout<cvfio_device_bind_iommufd>.size {
        let bind = pointer.loadUnaligned(as: cvfio_device_bind_iommufd.self)
        if let token = UnsafeRawPointer(bitPattern: UInt(bind.token_uuid_ptr)) {
          tokens.append(Array(UnsafeRawBufferPointer(start: token, count: 16)))
        }
      }
      return answer
    }
  }

  static func newest(_ name: String) throws -> UInt32 {
    UInt32(try #require(baselineIntegers.last?.integers[name], "\(name) in the newest header"))
  }

  static func device() throws -> VFIODevice {
    VFIODevice(unsafeAdopting: try FileDescriptor.open("/dev/null", .readWrite), name: "test")
  }

  @Test("A VF token reads and prints the UUID text form; other text is refused")
  func vfToken() throws {
    let text = "6c6ba6c4-0ec9-4c4e-9b4f-5d2c0b5e1a2f"
    let token = try #require(VFToken(text))
    #expect(token.description == text)
    #expect(VFToken(text.uppercased()) == token)
    withUnsafeBytes(of: token.bytes) { #expect(Array($0.prefix(2)) == [0x6c, 0x6b]) }
    for bad in ["", "6c6ba6c4-0ec9-4c4e-9b4f-5d2c0b5e1a2", "6c6ba6c40ec94c4e9b4f5d2c0b5e1a2f0000", "6c6ba6c4-0ec9-4c4e-9b4f-5d2c0b5e1a2g",
      "6c6ba6c4+0ec9-4c4e-9b4f-5d2c0b5e1a2f"] {
      #expect(VFToken(bad) == nil, "\(bad)")
    }
  }

  @Test("Bind with a VF token: FLAG_TOKEN and a pointer to the token's 16 bytes, in the newest layout")
  func bindWithToken() throws {
    let token = try #require(VFToken("00112233-4455-6677-8899-aabbccddeeff"))
    let kernel = RecordingKernel(argumentSize: MemoryLayout<cvfio_device_bind_iommufd>.size)
    let device = try Self.device()
    let iommufd = try IOMMUFD(path: "/dev/null")
    _ = try IoctlMock.$handler.withValue(kernel.call) { try device.bind(to: iommufd, token: token) }
    _ = try IoctlMock.$handler.withValue(kernel.call) { try device.bind(to: iommufd) }
    #expect(kernel.requests.allSatisfy { $0 == DeviceIoctl.bindIOMMUFD.requestNumber })
    let withToken = kernel.arguments[0].withUnsafeBytes { $0.loadUnaligned(as: cvfio_device_bind_iommufd.self) }
    #expect(withToken.argsz == UInt32(MemoryLayout<cvfio_device_bind_iommufd>.size))
    #expect(withToken.flags == (try Self.newest("VFIO_DEVICE_BIND_FLAG_TOKEN")))
    #expect(kernel.tokens == [Array(0..<16).map { UInt8($0 * 0x11) }])
    let plain = kernel.arguments[1].withUnsafeBytes { $0.loadUnaligned(as: cvfio_device_bind_iommufd.self) }
    #expect(plain.flags == 0 && plain.token_uuid_ptr == 0)
  }

  @Test("Attach and detach a PASID: the PASID flag and field; without one, flags 0")
  func pasid() throws {
    let attach = RecordingKernel(argumentSize: MemoryLayout<cvfio_device_attach_iommufd_pt>.size)
    let device = try Self.device()
    _ = try IoctlMock.$handler.withValue(attach.call) { try device.attach(pageTable: IOASID(rawValue: 7), pasid: 42) }
    _ = try IoctlMock.$handler.withValue(attach.call) { try device.attach(pageTable: HWPTID(rawValue: 7)) }
    let withPASID = attach.arguments[0].withUnsafeBytes { $0.loadUnaligned(as: cvfio_device_attach_iommufd_pt.self) }
    #expect(withPASID.flags == (try Self.newest("VFIO_DEVICE_ATTACH_PASID")) && withPASID.pasid == 42 && withPASID.pt_id == 7)
    #expect(attach.arguments[1].withUnsafeBytes { $0.loadUnaligned(as: cvfio_device_attach_iommufd_pt.self) }.flags == 0)
    let detach = RecordingKernel(argumentSize: MemoryLayout<cvfio_device_detach_iommufd_pt>.size)
    try IoctlMock.$handler.withValue(detach.call) { try device.detachPageTable(pasid: 42) }
    let detached = detach.arguments[0].withUnsafeBytes { $0.loadUnaligned(as: cvfio_device_detach_iommufd_pt.self) }
    #expect(detached.flags == (try Self.newest("VFIO_DEVICE_DETACH_PASID")) && detached.pasid == 42)
    #expect(detach.requests == [DeviceIoctl.detachIOMMUFDPT.requestNumber])
  }

  @Test("A dma-buf request: GET of feature DMA_BUF, the region, open flags and every range; a pipe is no dma-buf")
  func dmaBuf() throws {
    let ranges = [RegionDMARange(offset: 0x1000, length: 0x2000), RegionDMARange(offset: 0x8000, length: 0x1000)]
    let header = MemoryLayout<vfio_device_feature>.size
    let payload = MemoryLayout<vfio_device_feature_dma_buf>.size + ranges.count * MemoryLayout<vfio_region_dma_range>.stride
    let pipe = try FileDescriptor.pipe()
    defer { try? pipe.writeEnd.close() }
    let kernel = RecordingKernel(argumentSize: header + payload, answer: pipe.readEnd.rawValue)
    let device = try Self.device()
    // The stand-in kernel answers with a pipe: refused as no dma-buf, and left open (the
    // fault tests hand back a file named as the kernel names a dma-buf, and see it owned).
    let error = try #require(throws: VFIOError.self) {
      try IoctlMock.$handler.withValue(kernel.call) { try device.dmaBuf(region: .pciBAR2, ranges: ranges).close() }
    }
    guard case .descriptorRefused(let refusal) = error.reason, case .unexpectedFile(let link) = refusal.problem else {
      Issue.record("expected a refused descriptor, got \(error)")
      return
    }
    #expect(refusal.descriptor == pipe.readEnd.rawValue && refusal.expected == .dmaBuf && link.hasPrefix("pipe:["))
    try pipe.readEnd.close()
    let bytes = try #require(kernel.arguments.first)
    bytes.withUnsafeBytes { raw in
      let feature = raw.loadUnaligned(as: vfio_device_feature.self)
      #expect(feature.argsz == UInt32(header + payload))
      let get = UInt32(DeviceFeatureFlags.get.rawValue)
      #expect(feature.flags == get | (try! Self.newest("VFIO_DEVICE_FEATURE_DMA_BUF")))
      let request = raw.loadUnaligned(fromByteOffset: header, as: vfio_device_feature_dma_buf.self)
      #expect(request.region_index == RegionIndex.pciBAR2.rawValue && request.nr_ranges == 2 && request.flags == 0)
      #expect(request.open_flags == UInt32(O_RDWR | O_CLOEXEC))
      let first = raw.loadUnaligned(fromByteOffset: header + MemoryLayout<vfio_device_feature_dma_buf>.size, as: vfio_region_dma_range.self)
      #expect(first.offset == 0x1000 && first.length == 0x2000)
    }
  }

  @Test("No ranges, or more than the limit, are refused before the kernel")
  func dmaBufLimits() throws {
    let device = try Self.device()
    let kernel = RecordingKernel(argumentSize: 0)
    for count in [0, VFIODevice.dmaBufRangeLimit + 1] {
      let ranges = Array(repeating: RegionDMARange(offset: 0, length: 4096), count: count)
      #expect(throws: VFIOError.self) {
        try IoctlMock.$handler.withValue(kernel.call) { _ = try device.dmaBuf(region: .pciBAR0, ranges: ranges) }
      }
    }
    #expect(kernel.requests.isEmpty)
  }

  @Test("Precopy info v2 is a SET of feature 12; the REINIT flag reads back")
  func precopyInfoV2() throws {
    let kernel = RecordingKernel(argumentSize: MemoryLayout<vfio_device_feature>.size)
    let device = try Self.device()
    try IoctlMock.$handler.withValue(kernel.call) { try device.enablePrecopyInfoV2() }
    let feature = try #require(kernel.arguments.first).withUnsafeBytes { $0.loadUnaligned(as: vfio_device_feature.self) }
    #expect(feature.flags == UInt32(DeviceFeatureFlags.set.rawValue) | (try Self.newest("VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2")))
    var info = vfio_precopy_info()
    info.flags = try Self.newest("VFIO_PRECOPY_INFO_REINIT")
    #expect(PrecopyInfo(rawValue: info).flags == .reinitialized)
  }

  @Test("The AP configuration-change IRQ and the reserved nesting type have the newest header's values")
  func newestIndexes() throws {
    #expect(IRQIndex.apConfigurationChange.rawValue == (try Self.newest("VFIO_AP_CFG_CHG_IRQ_INDEX")))
    #expect(VFIOExtension.type1NestingIOMMU.rawValue == (try Self.newest("__VFIO_RESERVED_TYPE1_NESTING_IOMMU")))
  }
}
#endif
