import FakeKernel
import CVFIO
import Foundation
import SystemPackage
import Testing
import VFIO

/// The owners and errors of the device layer, on descriptors every Linux
/// machine has (/dev/null, eventfd, anonymous memory). The real VFIO stack is
/// exercised by the VM suite (VMTests/run.sh).
@Suite("Device layer ownership and errors")
struct DeviceOwnershipTests {
  @Test("a VFIO request on a file that is not VFIO names the request, the target and the errno")
  func errorDescription() throws {
    let container = VFIOContainer(unsafeAdopting: try FileDescriptor.open("/dev/null", .readWrite))
    let error = try #require(throws: VFIOError.self) { try container.apiVersion() }
    #expect(error.errno == .inappropriateIOCTLForDevice)
    #expect(error.operation == "VFIO_GET_API_VERSION")
    #expect(error.description == "VFIO_GET_API_VERSION on container: ENOTTY (\(Errno.inappropriateIOCTLForDevice.description))")
  }

  @Test("opening a missing node reports open and the path")
  func openError() throws {
    let error = try #require(throws: VFIOError.self) { _ = try VFIOGroup(path: "/nonexistent/vfio/7") }
    #expect(error.operation == "open")
    #expect(error.target == "/nonexistent/vfio/7")
    #expect(error.errno == .noSuchFileOrDirectory)
  }

  @Test("opening a group by number opens /dev/vfio/N")
  func groupNames() throws {
    let error = try #require(throws: VFIOError.self) { _ = try VFIOGroup(number: IOMMUGroupNumber(rawValue: 987_654)) }
    #expect(error.target == "/dev/vfio/987654")
  }

  @Test("close() closes the descriptor exactly once; deinit closes what is dropped")
  func closeAndDeinit() throws {
    // A file of this test's own, not /dev/null: its identity is its own, so a number a test beside
    // this one is handed at once after the close names another file.
    let path = FilePath(NSTemporaryDirectory() + "vfio-owned-\(getpid())-\(UUID().uuidString)")
    let keeper = try FileDescriptor.open(path, .readWrite, options: [.create, .exclusiveCreate], permissions: .ownerReadWrite)
    defer {
      try? keeper.close()
      unlink(path.string)
    }
    let closed = VFIOContainer(unsafeAdopting: try FileDescriptor.open(path, .readWrite))
    let closedFD = closed.withUnsafeDescriptor { $0.fileDescriptor.rawValue }
    let file = try #require(FileIdentity(closedFD))
    try closed.close()
    #expect(FileIdentity(closedFD) != file)

    var droppedFD: CInt = -1
    do {
      let dropped = try VFIODevice(cdev: path)
      droppedFD = dropped.withUnsafeDescriptor { $0.fileDescriptor.rawValue }
      #expect(FileIdentity(droppedFD) == file)
    }
    #expect(FileIdentity(droppedFD) != file)
  }

  @Test("an eventfd counts signals and times out empty")
  func eventFD() throws {
    let event = try VFIOEventFD()
    #expect(try event.wait(milliseconds: 0) == 0)
    try event.signal()
    try event.signal(2)
    #expect(try event.wait(milliseconds: 1000) == 3)
    #expect(try event.wait(milliseconds: 0) == 0)
  }

  @Test("guest memory is zeroed, page-rounded and mapped; size 0 is a typed error")
  func guestMemory() throws {
    let page = UInt64(sysconf(Int32(_SC_PAGESIZE)))
    let memory = try GuestMemory(size: page + 1)
    #expect(memory.size == 2 * page)
    #expect(memory.bytes.withUnsafeBytes { $0.allSatisfy { $0 == 0 } })
    #expect(Self.isMapped(UInt(bitPattern: memory.baseAddress)))
    let error = try #require(throws: VFIOError.self) { _ = try GuestMemory(size: 0) }
    #expect(error.errno == nil)
  }

  /// Whether `address` lies in a mapping of this process, from /proc/self/maps.
  static func isMapped(_ address: UInt) -> Bool {
    // /proc files report size 0, so read to the end rather than by the file's size.
    guard let fd = try? FileDescriptor.open("/proc/self/maps", .readOnly) else { return false }
    defer { try? fd.close() }
    var data: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while let count = try? chunk.withUnsafeMutableBytes({ try fd.read(into: $0) }), count > 0 { data += chunk[..<count] }
    let maps = String(decoding: data, as: UTF8.self)
    return maps.split(separator: "\n").contains { line in
      let bounds = line.prefix { $0 != " " }.split(separator: "-").compactMap { UInt($0, radix: 16) }
      return bounds.count == 2 && bounds[0] <= address && address < bounds[1]
    }
  }

  @Test("a register access outside a mapping, misaligned or of an odd width is a typed error")
  func mappingBounds() throws {
    let device = VFIODevice(unsafeAdopting: try FileDescriptor.open("/dev/zero", .readWrite), name: "zero")
    let region = RegionInfo(rawValue: vfio_region_info(argsz: 0, flags: 0, index: 0, cap_offset: 0, size: 8192, offset: 0))
    let mapping = try device.map(region: region)
    #expect(mapping.size == 8192)
    #expect(try mapping.load(UInt64.self, at: 8184) == 0)
    let past = try #require(throws: VFIOError.self) { _ = try mapping.load(UInt64.self, at: 8188) }
    #expect(past.reason == .outOfRange(offset: 8188, count: 8, limit: 8192))
    #expect(throws: VFIOError.self) { _ = try mapping.load(UInt32.self, at: 2) }
    #expect(throws: VFIOError.self) { try mapping.store(UInt32(1), at: UInt64.max - 1) }
    let outside = try #require(throws: VFIOError.self) { _ = try device.map(region: region, offset: 4096, size: 8192) }
    #expect(outside.reason == .outOfRange(offset: 4096, count: 8192, limit: 8192))
    try mapping.unmap()
  }

  @Test("an argsz failure that is the kernel's errno stays an errno; the package's own refusals have none")
  func argumentSizeReasons() {
    let system = VFIOError(operation: "VFIO_DEVICE_GET_INFO", target: "device x", argumentSize: .system(.resourceBusy))
    #expect(system.errno == .resourceBusy)
    #expect(system.reason == .system(.resourceBusy))
    let refusal = ArgumentSizeError.reportedSizeAboveLimit(reported: 1 << 30, limit: 1 << 20)
    let refused = VFIOError(operation: "VFIO_DEVICE_GET_INFO", target: "device x", argumentSize: refusal)
    #expect(refused.errno == nil)
    #expect(refused.description == "VFIO_DEVICE_GET_INFO on device x: \(refusal)")
  }

  @Test("errno symbols come from the C library")
  func errnoSymbols() {
    #expect(VFIOError.symbol(of: .resourceBusy) == "EBUSY")
    #expect(VFIOError.symbol(of: .fileExists) == "EEXIST")
    #expect(VFIOError.symbol(of: Errno(rawValue: 100_000)) == "errno 100000")
  }
}

extension DeviceOwnershipTests {
  /// The refusal names the request; the memory, consumed by the call, is released with it
  /// (whether its pages went is not checked here: parallel tests may map the same addresses).
  @Test("a refused DMA map is a typed error naming the request")
  func refusedDMAMap() throws {
    let container = VFIOContainer(unsafeAdopting: try FileDescriptor.open("/dev/null", .readWrite))
    let memory = try GuestMemory(size: 4096)
    var caught: VFIOError?
    do { _ = try container.map(memory, iova: 0x10_0000) } catch { caught = error }
    let error = try #require(caught)
    #expect(error.operation == "VFIO_IOMMU_MAP_DMA" && error.errno == .inappropriateIOCTLForDevice)
    #expect(error.target == "container, IOVA 1048576 + 4096")
  }
}
