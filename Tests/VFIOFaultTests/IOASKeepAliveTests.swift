import FakeKernel
import Glibc
import SystemPackage
import Testing
import VFIO

/// A device attached through ``IOAS/attach(_:pasid:)`` keeps its IOAS alive: dropping the IOAS
/// first no longer leaves the kernel refusing its destruction (issue 24).
@Suite("An attached device keeps its IOAS alive")
struct IOASKeepAliveTests {
  enum LettingGo: String, CaseIterable, CustomTestStringConvertible {
    case dropped, closed, detached
    var testDescription: String { "the device \(rawValue)" }
  }

  /// An iommufd that allocates IOAS 5 and records, per `IOMMU_DESTROY`, whether descriptor
  /// `device` was closed by then: no longer open, or (a test beside this one was handed the
  /// number at once) naming another file.
  static func fakeIOMMUFD(_ destroys: FakeLock<[Bool]>, device: CInt) -> FakeFile {
    let file = FileIdentity(device)
    return FakeFile(then: Step(.ioctl) { call in
      switch call.request {
      case K.iommufd(.ioasAlloc): call.fill(K.le(UInt32(5)), at: 8)
      case K.iommufd(.destroy): destroys.withLock { $0.append(FileIdentity(device) != file) }
      default: break
      }
      return .result(0)
    })
  }

  @Test(arguments: LettingGo.allCases)
  func destroyedOnlyAfterTheDevice(_ lettingGo: LettingGo) throws {
    let deviceFile = FakeFile(then: .ioctl(nil))
    let device = VFIODevice(unsafeAdopting: deviceFile.descriptor(), name: "attached")
    let number = device.withUnsafeDescriptor { $0.fileDescriptor.rawValue }
    let destroys = FakeLock<[Bool]>([])
    let iommufdFile = Self.fakeIOMMUFD(destroys, device: number)
    do {
      let ioas = try IOMMUFD(path: iommufdFile.path).makeIOAS()
      try ioas.attach(device)
    }
    #expect(destroys.withLock { $0 }.isEmpty, "IOAS destroyed while the device was attached")
    switch lettingGo {
    case .dropped: _ = consume device
    case .closed: try device.close()
    case .detached:
      try device.detachPageTable()
      #expect(destroys.withLock { $0 } == [false])
      _ = consume device
      return
    }
    #expect(destroys.withLock { $0 } == [true], "destroyed before the device was closed")
  }

  @Test("attached by its id alone, the IOAS goes with its value")
  func anIDKeepsNothingAlive() throws {
    let deviceFile = FakeFile(then: .ioctl(nil))
    let device = VFIODevice(unsafeAdopting: deviceFile.descriptor(), name: "attached by id")
    let number = device.withUnsafeDescriptor { $0.fileDescriptor.rawValue }
    let destroys = FakeLock<[Bool]>([])
    let iommufdFile = Self.fakeIOMMUFD(destroys, device: number)
    do {
      let ioas = try IOMMUFD(path: iommufdFile.path).makeIOAS()
      try device.attach(pageTable: ioas.id)
    }
    #expect(destroys.withLock { $0 } == [false])
    _ = consume device
  }
}
