import SystemPackage
import Testing
import VFIO

@Suite("Struct wrappers as ioctl arguments")
struct StructIoctlTests {
  /// /dev/null answers every ioctl with ENOTTY: the call reaches the kernel
  /// and the error comes back typed, whatever the wrapper's C struct is.
  @Test func wrappersGoToTheKernel() throws {
    let null = try FileDescriptor.open("/dev/null", .readWrite)
    defer { try? null.close() }
    var info = DeviceInfo()
    #expect(throws: Errno.inappropriateIOCTLForDevice) { try DeviceDescriptor(unsafeAssumingKind: null).ioctl(.getInfo, &info) }
    // A C struct with an anonymous union, which is not BitwiseCopyable.
    var plane = GFXPlaneInfo(flags: [.probe, .dmabuf], drmPlaneType: 0)
    #expect(throws: Errno.inappropriateIOCTLForDevice) { try DeviceDescriptor(unsafeAssumingKind: null).ioctl(.queryGFXPlane, &plane) }
    var map = DMAMap(flags: [.read, .write], vaddr: 0, iova: 0, size: 0)
    #expect(throws: Errno.inappropriateIOCTLForDevice) { try ContainerDescriptor(unsafeAssumingKind: null).ioctl(.iommuMapDMA, &map) }
    #expect(info.argsz == UInt32(DeviceInfo.size))
  }
}
