import SystemPackage
import Testing
import VFIO

@Suite("Issuing requests")
struct DescriptorTests {
  /// /dev/null answers every ioctl at once with ENOTTY: the error must arrive typed.
  @Test func errnoArrivesTyped() throws {
    let null = try FileDescriptor.open("/dev/null", .readWrite)
    defer { try? null.close() }
    let container = ContainerDescriptor(unsafeAssumingKind: null)
    #expect(throws: Errno.inappropriateIOCTLForDevice) {
      try container.ioctl(.getAPIVersion)
    }
    #expect(throws: Errno.inappropriateIOCTLForDevice) {
      try container.ioctl(.checkExtension, VFIOExtension(.type1))
    }
    var status = GroupStatus()
    #expect(throws: Errno.inappropriateIOCTLForDevice) {
      try GroupDescriptor(unsafeAssumingKind: null).ioctl(.getStatus, &status)
    }
  }

  @Test func closedDescriptorIsEBADF() throws {
    let null = try FileDescriptor.open("/dev/null", .readOnly)
    try null.close()
    #expect(throws: Errno.badFileDescriptor) {
      try DeviceDescriptor(unsafeAssumingKind: null).ioctl(.reset)
    }
  }
}
