import FakeKernel
import Foundation
import SystemPackage
import Testing
import VFIO

/// ``DMASpace`` answers each ``DMAAddressSpace`` requirement with the space it holds: the same
/// requests reach the kernel, and its refusals come back as that space's typed errors.
@Suite("One owner of either address space")
struct DMASpaceTests {
  enum Kind: String, CaseIterable, CustomTestStringConvertible {
    case container, ioas
    var testDescription: String { rawValue }
  }

  /// A kernel that records each request and answers `reply` (an IOAS allocation: id 5).
  static func kernel(_ seen: FakeLock<[UInt]>, reply: Reply = .result(0)) -> FakeFile {
    FakeFile(then: Step(.ioctl) { call in
      if call.request == K.iommufd(.ioasAlloc) {
        call.fill(K.le(UInt32(5)), at: 8)
        return .result(0)
      }
      seen.withLock { $0.append(call.request) }
      return reply
    })
  }

  /// A space of `kind` on `fake`.
  static func space(_ kind: Kind, on fake: FakeFile) throws -> DMASpace {
    switch kind {
    case .container: .container(VFIOContainer(unsafeAdopting: fake.descriptor()))
    case .ioas: .ioas(try IOMMUFD(path: fake.path).makeIOAS())
    }
  }

  @Test("map, unsafeMapDMA and unmapDMA reach the kernel as the space held makes them", arguments: Kind.allCases)
  func forwards(_ kind: Kind) throws {
    let seen = FakeLock<[UInt]>([])
    let fake = Self.kernel(seen)
    let space = try Self.space(kind, on: fake)
    let mapping = try space.map(try GuestMemory(size: 4096), iova: 0x10_0000)
    var byte: UInt8 = 0
    try space.unsafeMapDMA(address: &byte, size: 4096, iova: 0x20_0000)
    try space.unmapDMA(iova: 0x20_0000, size: 4096)
    // The space's own record of ranges: an overlap is refused before the kernel sees it.
    let overlap = try #require(throws: VFIOError.self) { try space.unsafeMapDMA(address: &byte, size: 4096, iova: 0x10_0000) }
    #expect(overlap.reason == .dma(.overlaps(iova: 0x10_0000, size: 4096, mapped: 0x10_0000...0x10_0FFF)))
    _ = try mapping.unmap()
    let (map, unmap) =
      kind == .container ? (K.container(.iommuMapDMA), K.container(.iommuUnmapDMA)) : (K.iommufd(.ioasMap), K.iommufd(.ioasUnmap))
    #expect(seen.withLock { $0 } == [map, map, unmap, unmap])
    #expect(fake.mismatches.isEmpty)
  }

  @Test("the kernel's refusal comes back as the space's typed error, carrying its errno", arguments: Kind.allCases)
  func refusals(_ kind: Kind) throws {
    let seen = FakeLock<[UInt]>([])
    let fake = Self.kernel(seen, reply: .failure(.ioError))
    let space = try Self.space(kind, on: fake)
    let mapped = try #require(throws: VFIOError.self) { _ = try space.map(try GuestMemory(size: 4096), iova: 0) }
    var byte: UInt8 = 0
    let unsafe = try #require(throws: VFIOError.self) { try space.unsafeMapDMA(address: &byte, size: 4096, iova: 0) }
    let unmapped = try #require(throws: VFIOError.self) { try space.unmapDMA(iova: 0, size: 4096) }
    #expect([mapped, unsafe, unmapped].map(\.reason) == Array(repeating: .system(.ioError), count: 3))
    #expect(mapped.operation == (kind == .container ? ContainerIoctl.iommuMapDMA.name : IOMMUFDIoctl.ioasMap.name))
  }

  @Test("openDevice goes to the space held: a name that is no path component is refused there", arguments: Kind.allCases)
  func openDevice(_ kind: Kind) throws {
    let seen = FakeLock<[UInt]>([])
    let fake = Self.kernel(seen)
    let space = try Self.space(kind, on: fake)
    let refused = try #require(throws: VFIOError.self) { _ = try space.openDevice(.mdev("../escape")) }
    #expect(refused.reason == .sysfs(.notAComponent("../escape")))
    #expect(seen.withLock { $0 }.isEmpty)
  }

  @Test("a hot reset goes through the space held: its groups as proof, or none for an IOAS's cdev", arguments: Kind.allCases)
  func hotReset(_ kind: Kind) throws {
    let seen = FakeLock<[UInt]>([])
    let fake = Self.kernel(seen)
    let space = try Self.space(kind, on: fake)
    // The count of group descriptors the request carries; a container adopted here holds no group.
    let counts = FakeLock<[UInt32?]>([])
    let deviceFile = FakeFile(then: Step(.ioctl) { call in
      guard call.request == K.device(.pciHotReset) else { return .failure(.invalidArgument) }
      counts.withLock { $0.append(call.load(UInt32.self, at: 8)) }
      return .result(0)
    })
    let device = VFIODevice(unsafeAdopting: deviceFile.descriptor(), name: "fake")
    try space.hotReset(device)
    #expect(counts.withLock { $0 } == [0])
    #expect(seen.withLock { $0 }.isEmpty)
  }
}
