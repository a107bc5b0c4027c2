import Foundation
import SystemPackage
import Testing
import VFIO

/// The owners and errors of the device layer, on descriptors every Linux
/// machine has (/dev/null, eventfd, anonymous memory). The real VFIO stack is
/// exercised by the VM suite (VMTests/run.sh).
@Suite("Device layer ownership and errors")
struct DeviceOwnershipTests {
  /// Whether `fd` is open in this process.
  static func isOpen(_ fd: CInt) -> Bool {
    FileManager.default.fileExists(atPath: "/proc/self/fd/\(fd)")
  }

  @Test("a VFIO request on a file that is not VFIO names the request, the target and the errno")
  func errorDescription() throws {
    let container = try VFIOContainer(path: "/dev/null")
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
    let error = try #require(throws: VFIOError.self) { _ = try VFIOGroup(number: 987_654) }
    #expect(error.target == "/dev/vfio/987654")
  }

  @Test("close() closes the descriptor exactly once; deinit closes what is dropped")
  func closeAndDeinit() throws {
    let closed = try VFIOContainer(path: "/dev/null")
    let closedFD = closed.descriptor.fileDescriptor.rawValue
    #expect(Self.isOpen(closedFD))
    try closed.close()
    #expect(!Self.isOpen(closedFD))

    var droppedFD: CInt = -1
    do {
      let dropped = try VFIODevice(cdev: "/dev/null")
      droppedFD = dropped.descriptor.fileDescriptor.rawValue
      #expect(Self.isOpen(droppedFD))
    }
    #expect(!Self.isOpen(droppedFD))
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

  @Test("an anonymous mapping is zeroed, bounds-checked, and unmapped once")
  func anonymousMapping() throws {
    let mapping = try VFIOMapping.anonymous(count: 8192)
    #expect(mapping.load(UInt64.self, at: 8184) == 0)
    let stored = mapping.store(UInt32(0xdead_beef), at: 4)
    #expect(stored)
    #expect(mapping.load(UInt32.self, at: 4) == 0xdead_beef)
    #expect(mapping.load(UInt64.self, at: 8188) == nil)
    #expect(mapping.load(UInt32.self, at: 2) == nil)
    let storedOutside = mapping.store(UInt8(1), at: -1)
    #expect(!storedOutside)
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
