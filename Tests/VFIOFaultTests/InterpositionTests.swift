import CVFIO
import FakeKernel
import SystemPackage
import Testing
import VFIO

/// The fake kernel really stands between the package and the kernel: a memfd answers
/// ENOTTY to every VFIO ioctl, so a scripted answer can only come from the fake.
@Suite("Fake kernel interposition")
struct InterpositionTests {
  @Test func packageIoctlsReachTheFake() throws {
    let answer = FakeBytes.of(vfio_device_info.self) {
      $0.argsz = UInt32(MemoryLayout<vfio_device_info>.size)
      $0.num_regions = 9
      $0.num_irqs = 5
    }
    let fake = FakeFile(script: [.ioctl(DeviceIoctl.getInfo.requestNumber, fill: answer)])
    let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
    let info = try device.info()
    #expect(info.info.regionCount == 9)
    #expect(info.info.irqCount == 5)
    #expect(fake.log.map(\.kind) == [.ioctl])
    #expect(fake.mismatches.isEmpty)
  }

  @Test func packageReadsReachTheFake() throws {
    // The memfd holds zeros; the fake answers with other bytes.
    let fake = FakeFile(size: 4096, script: [.read(.pread, [1, 2, 3, 4])])
    let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
    let region = RegionInfo(rawValue: vfio_region_info(argsz: 32, flags: 3, index: 0, cap_offset: 0, size: 4096, offset: 0))
    #expect(try device.read(UInt32.self, region: region, at: 0) == 0x0403_0201)
  }

  @Test func otherDescriptorsPassThrough() throws {
    let plain = FakeFile(size: 16)
    let fd = plain.descriptor()
    defer { try? fd.close() }
    // An unregistered memfd of the same size is read by the real kernel.
    let other = FileDescriptor(rawValue: fake_memfd(16))
    defer { try? other.close() }
    var bytes = [UInt8](repeating: 9, count: 16)
    let count = try bytes.withUnsafeMutableBytes { try other.read(fromAbsoluteOffset: 0, into: $0) }
    #expect(count == 16)
    #expect(bytes == [UInt8](repeating: 0, count: 16))
    #expect(plain.log.isEmpty)
  }
}
