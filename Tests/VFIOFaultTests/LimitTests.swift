import CVFIO
import FakeKernel
import Testing
import VFIO

/// The limits a caller may lower or raise: a count above the one given is a typed error
/// naming both, before anything is allocated for it.
@Suite("Caller limits")
struct LimitTests {
  func expectAboveLimit(_ error: VFIOError, count: UInt64, limit: UInt64) {
    guard case .countAboveLimit(_, let reported, let allowed) = error.reason else {
      Issue.record("expected countAboveLimit, got \(error)")
      return
    }
    #expect(reported == count)
    #expect(allowed == limit)
  }

  @Test func hotResetDependencyLimit() throws {
    let fake = FakeFile(script: [
      .ioctl(DeviceIoctl.getPCIHotResetInfo.requestNumber) { call in
        call.fill(K.le(UInt32(2)), at: 8)
        return .failure(.noSpace)
      }
    ])
    let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
    let error = try #require(throws: VFIOError.self) { try device.hotResetDependencies(limit: 1) }
    expectAboveLimit(error, count: 2, limit: 1)
  }

  @Test func iovaRangeLimit() throws {
    let fake = FakeFile(script: [IOMMUFDScripts.tooSmall(2)])
    let iommufd = try IOMMUFD(path: fake.path)
    let error = try #require(throws: VFIOError.self) { try iommufd.iovaRanges(ioas: IOASID(rawValue: 1), limit: 1) }
    expectAboveLimit(error, count: 2, limit: 1)
  }

  @Test func describeLimits() throws {
    let fake = FakeFile(script: [.ioctl(DeviceIoctl.getInfo.requestNumber, fill: K.deviceInfo(regions: 9, irqs: 5))])
    let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
    let error = try #require(throws: VFIOError.self) { try device.describe(regionLimit: 8) }
    expectAboveLimit(error, count: 9, limit: 8)
    #expect(fake.log.count == 1, "no region was queried")
  }
}
