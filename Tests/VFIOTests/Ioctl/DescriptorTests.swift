import SystemPackage
import Testing
import VFIO

@Suite("Issuing requests")
struct DescriptorTests {
  /// /dev/null answers every ioctl at once with ENOTTY: the error must arrive typed.
  @Test func errnoArrivesTyped() throws {
    let null = try FileDescriptor.open("/dev/null", .readWrite)
    defer { try? null.close() }
    let container = ContainerDescriptor(null)
    #expect(throws: Errno.inappropriateIOCTLForDevice) {
      try container.ioctl(.getAPIVersion, nil)
    }
    #expect(throws: Errno.inappropriateIOCTLForDevice) {
      try container.ioctl(.checkExtension, value: 1)
    }
    var status = (argsz: UInt32(8), flags: UInt32(0))
    #expect(throws: Errno.inappropriateIOCTLForDevice) {
      try GroupDescriptor(null).ioctl(.getStatus, &status)
    }
  }

  @Test func closedDescriptorIsEBADF() throws {
    let null = try FileDescriptor.open("/dev/null", .readOnly)
    try null.close()
    #expect(throws: Errno.badFileDescriptor) {
      try DeviceDescriptor(null).ioctl(.reset, nil)
    }
  }
}
