#if DEBUG
import CVFIO
import SystemPackage
import Testing
@testable import VFIO

/// What the kernel receives through the typed path, seen by a stand-in kernel.
@Suite("Typed requests")
struct TypedRequestTests {
  /// Records the request number and the first four bytes behind the argument (`argsz` or `size`).
  final class RecordingKernel: @unchecked Sendable {
    private(set) var requests: [UInt] = []
    private(set) var sizes: [UInt32] = []
    private(set) var values: [UInt] = []
    func call(_: CInt, _ request: UInt, _ argument: UInt) -> CInt {
      requests.append(request)
      values.append(argument)
      if let pointer = UnsafeRawPointer(bitPattern: argument), argument > 4096 {
        sizes.append(pointer.load(as: UInt32.self))
      }
      return 0
    }
  }

  static let fd = FileDescriptor(rawValue: 3)

  /// A zeroed C struct, or one whose `argsz` a previous answer changed, still reaches the
  /// kernel with its own size: the kernel's `argsz < minsz` check is what a zero would fail.
  @Test func argszIsTheStructSize() throws {
    let kernel = RecordingKernel()
    var region = RegionInfo(rawValue: vfio_region_info())
    var irq = IRQInfo(rawValue: vfio_irq_info())
    var status = GroupStatus(rawValue: vfio_group_status(argsz: 4096, flags: 0))
    try IoctlMock.$handler.withValue(kernel.call) {
      try DeviceDescriptor(unsafeAssumingKind: Self.fd).ioctl(.getRegionInfo, &region)
      try DeviceDescriptor(unsafeAssumingKind: Self.fd).ioctl(.getIRQInfo, &irq)
      try GroupDescriptor(unsafeAssumingKind: Self.fd).ioctl(.getStatus, &status)
    }
    #expect(kernel.sizes == [
      UInt32(MemoryLayout<vfio_region_info>.size), UInt32(MemoryLayout<vfio_irq_info>.size),
      UInt32(MemoryLayout<vfio_group_status>.size),
    ])
    #expect(kernel.requests == [
      DeviceIoctl.getRegionInfo.requestNumber, DeviceIoctl.getIRQInfo.requestNumber, GroupIoctl.getStatus.requestNumber,
    ])
  }

  /// A variable-length argument goes with its whole size, even after the kernel wrote another.
  @Test func variableLengthArgszIsTheAllocation() throws {
    let kernel = RecordingKernel()
    var argument = try VariableLengthArgument(vfio_region_info(), payloadSize: 64)
    argument.header.argsz = 9999
    try IoctlMock.$handler.withValue(kernel.call) {
      try DeviceDescriptor(unsafeAssumingKind: Self.fd).ioctl(.getRegionInfo, &argument)
    }
    #expect(kernel.sizes == [UInt32(MemoryLayout<vfio_region_info>.size + 64)])
  }

  /// iommufd's `size` plays `argsz`'s part and is set the same way.
  @Test func iommufdSizeIsTheStructSize() throws {
    let kernel = RecordingKernel()
    var alloc = iommu_ioas_alloc()
    try IoctlMock.$handler.withValue(kernel.call) {
      try IOMMUFDDescriptor(unsafeAssumingKind: Self.fd).ioctl(.ioasAlloc, &alloc)
    }
    #expect(kernel.sizes == [UInt32(MemoryLayout<iommu_ioas_alloc>.size)])
  }

  /// Value requests pass the number itself; `VFIO_SET_IOMMU` takes only an IOMMU type.
  @Test func valuesGoInTheRegister() throws {
    let kernel = RecordingKernel()
    try IoctlMock.$handler.withValue(kernel.call) {
      try ContainerDescriptor(unsafeAssumingKind: Self.fd).ioctl(.setIOMMU, .type1v2)
      try ContainerDescriptor(unsafeAssumingKind: Self.fd).ioctl(.checkExtension, VFIOExtension(.unmapAll))
    }
    #expect(kernel.values == [UInt(VFIO_TYPE1v2_IOMMU), UInt(VFIO_UNMAP_ALL)])
  }

  /// The typed and the raw path issue the same request number.
  @Test(arguments: DeviceIoctl.allCases)
  func rawPathIssuesTheSameNumber(_ request: DeviceIoctl) throws {
    let kernel = RecordingKernel()
    try IoctlMock.$handler.withValue(kernel.call) {
      try DeviceDescriptor(unsafeAssumingKind: Self.fd).unsafeRawIoctl(request, nil)
    }
    #expect(kernel.requests == [request.requestNumber])
  }
}
#endif
