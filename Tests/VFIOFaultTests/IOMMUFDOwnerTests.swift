import FakeKernel
import SystemPackage
import Testing
import VFIO

/// An iommufd object id remembers the iommufd that handed it out: another one refuses it before
/// the kernel sees it, since there the number names an unrelated object (issue 24).
@Suite("Object ids of another iommufd")
struct IOMMUFDOwnerTests {
  /// An iommufd that numbers every IOAS and HWPT 5 and logs its requests.
  static func fakeIOMMUFD() -> FakeFile {
    FakeFile(then: Step(.ioctl) { call in
      switch call.request {
      case K.iommufd(.ioasAlloc): call.fill(K.le(UInt32(5)), at: 8)
      case K.iommufd(.hwptAlloc): call.fill(K.le(UInt32(5)), at: 16)
      default: break
      }
      return .result(0)
    })
  }

  static func destroys(_ file: FakeFile) -> Int { file.log.filter { $0.request == K.iommufd(.destroy) }.count }

  @Test("another iommufd's IOAS id is refused by destroy and iovaRanges; its own and a raw one are not")
  func ioasID() throws {
    let (fileA, fileB) = (Self.fakeIOMMUFD(), Self.fakeIOMMUFD())
    let a = try IOMMUFD(path: fileA.path)
    let b = try IOMMUFD(path: fileB.path)
    let id = try a.allocateIOAS()
    let refused = try #require(throws: VFIOError.self) { try b.destroy(id) }
    #expect(refused.reason == .otherIOMMUFD("IOAS 5") && refused.errno == nil)
    #expect("\(refused)" == "IOMMU_DESTROY on iommufd, IOAS 5: IOAS 5 belongs to another iommufd")
    let ranges = try #require(throws: VFIOError.self) { _ = try b.iovaRanges(ioas: id) }
    #expect(ranges.reason == .otherIOMMUFD("IOAS 5"))
    #expect(Self.destroys(fileB) == 0)
    try b.destroy(IOASID(rawValue: 5))
    try a.destroy(id)
    #expect(Self.destroys(fileA) == 1 && Self.destroys(fileB) == 1)
  }

  @Test("an IOAS value's id and a HWPT's carry their iommufd too")
  func ownedObjects() throws {
    let (fileA, fileB) = (Self.fakeIOMMUFD(), Self.fakeIOMMUFD())
    let a = try IOMMUFD(path: fileA.path)
    let b = try IOMMUFD(path: fileB.path)
    let ioas = try a.makeIOAS()
    #expect(throws: VFIOError.self) { try b.destroy(ioas.id) }
    let other = try b.makeIOAS()
    let copy = try #require(throws: VFIOError.self) {
      try other.copy(from: ioas, sourceIOVA: 0, length: 4096, iova: 0)
    }
    #expect(copy.reason == .otherIOMMUFD("IOAS 5"))
    let hwpt = try a.allocateHWPT(device: IOMMUFDDeviceID(rawValue: 1), pageTable: ioas.id)
    #expect(throws: VFIOError.self) { try b.destroy(hwpt) }
    #expect(throws: VFIOError.self) { _ = try b.allocateHWPT(device: IOMMUFDDeviceID(rawValue: 1), pageTable: ioas.id) }
    #expect(Self.destroys(fileB) == 0)
    try a.destroy(hwpt)
  }
}
