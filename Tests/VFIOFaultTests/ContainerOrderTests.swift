import FakeKernel
import Testing
import VFIO

/// A container is made with a group set to it and its IOMMU type chosen, in the kernel's order,
/// so none can map before (issue 24); the compile-fail tests prove the other spellings are gone.
@Suite("Containers are made ready to map")
struct ContainerOrderTests {
  @Test("init(group:iommuType:path:) sets the group's container, then the IOMMU type, then maps")
  func order() throws {
    let groupFile = FakeFile(script: [.ioctl(K.group(.setContainer))])
    let containerFile = FakeFile(script: [.ioctl(K.container(.setIOMMU)), .ioctl(K.container(.iommuMapDMA))])
    let group = try VFIOGroup(path: groupFile.path)
    let container = try VFIOContainer(group: group, iommuType: .type1v2, path: containerFile.path)
    #expect(groupFile.log.map(\.request) == [K.group(.setContainer)])
    #expect(containerFile.log.map(\.request) == [K.container(.setIOMMU)])
    try container.unsafeMapDMA(address: UnsafeMutableRawPointer(bitPattern: 0x1000)!, size: 4096, iova: 0)
    #expect(containerFile.log.map(\.request) == [K.container(.setIOMMU), K.container(.iommuMapDMA)])
    #expect(groupFile.mismatches.isEmpty && containerFile.mismatches.isEmpty)
  }

  @Test("a refused IOMMU type is the kernel's error, and the group leaves the container again")
  func refusedType() throws {
    let groupFile = FakeFile(script: [.ioctl(K.group(.setContainer)), .ioctl(K.group(.unsetContainer))])
    let containerFile = FakeFile(script: [.fail(.invalidArgument, .ioctl, request: K.container(.setIOMMU))])
    let group = try VFIOGroup(path: groupFile.path)
    let error = try #require(throws: VFIOError.self) {
      _ = try VFIOContainer(group: group, iommuType: .type1v2, path: containerFile.path)
    }
    #expect(error.operation == "VFIO_SET_IOMMU" && error.errno == .invalidArgument)
    #expect(groupFile.log.map(\.request) == [K.group(.setContainer), K.group(.unsetContainer)])
    #expect(groupFile.mismatches.isEmpty && containerFile.mismatches.isEmpty)
  }
}
