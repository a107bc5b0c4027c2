import FakeKernel
import Foundation
import SystemPackage
import Testing
import VFIO

/// Guest memory mapped into an IOAS by its file, against a fake iommufd.
@Suite("IOAS mapped by file")
struct IOASMapFileTests {
  struct FileRequest: Equatable {
    let fdLink: String
    let start: UInt64
    let length: UInt64
    let iova: UInt64
  }

  /// An iommufd that allocates IOAS 5, answers MAP_FILE (recording what it names) with
  /// `mapFile`, and accepts every unmap and destroy.
  static func fakeIOMMUFD(_ seen: FakeLock<[FileRequest]>, mapFile: Reply = .result(0)) -> FakeFile {
    FakeFile(then: Step(.ioctl) { call in
      switch call.request {
      case K.iommufd(.ioasAlloc):
        call.fill(K.le(UInt32(5)), at: 8)
      case K.iommufd(.ioasMapFile):
        guard let fd = call.load(Int32.self, at: 12), let start = call.load(UInt64.self, at: 16),
          let length = call.load(UInt64.self, at: 24), let iova = call.load(UInt64.self, at: 32)
        else { return .failure(.invalidArgument) }
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? "closed"
        seen.withLock { $0.append(FileRequest(fdLink: link, start: start, length: length, iova: iova)) }
        return mapFile
      case K.iommufd(.ioasUnmap):
        if let length = call.load(UInt64.self, at: 24) { call.fill(K.le(length), at: 24) }
      default: break
      }
      return .result(0)
    })
  }

  @Test("a memfd is mapped by its file, piece by piece, at its offsets")
  func memfd() throws {
    let seen = FakeLock<[FileRequest]>([])
    let fake = Self.fakeIOMMUFD(seen)
    let iommufd = try IOMMUFD(path: fake.path)
    let ioas = try iommufd.makeIOAS()
    let mapping = try ioas.mapFile(try GuestMemory(memfdNamed: "by-file", size: 8192), iova: 0x10000, granularity: 4096)
    #expect(seen.withLock { $0 } == [
      FileRequest(fdLink: "/memfd:by-file (deleted)", start: 0, length: 4096, iova: 0x10000),
      FileRequest(fdLink: "/memfd:by-file (deleted)", start: 4096, length: 4096, iova: 0x11000),
    ])
    _ = try mapping.unmap()
  }

  @Test("anonymous memory has no file to map; a kernel without MAP_FILE says it does not support it")
  func refusals() throws {
    let seen = FakeLock<[FileRequest]>([])
    let fake = Self.fakeIOMMUFD(seen, mapFile: .failure(.inappropriateIOCTLForDevice))
    let iommufd = try IOMMUFD(path: fake.path)
    let ioas = try iommufd.makeIOAS()
    let anonymous = try #require(throws: VFIOError.self) { _ = try ioas.mapFile(try GuestMemory(size: 4096), iova: 0) }
    #expect(anonymous.reason == .dma(.noFile))
    let old = try #require(throws: VFIOError.self) {
      _ = try ioas.mapFile(try GuestMemory(memfdNamed: "old-kernel", size: 4096), iova: 0)
    }
    #expect(old.reason == .unsupported(.inappropriateIOCTLForDevice))
    // The refused range is free again: the same IOVA maps by address.
    let mapping = try ioas.map(try GuestMemory(size: 4096), iova: 0)
    _ = try mapping.unmap()
  }
}
