import FakeKernel
import Foundation
import SystemPackage
import Testing
import VFIO

/// Mappings in pieces, the buffer pool and the checks of DMA requests, against a fake container
/// that records the IOVA and size of each request.
@Suite("DMA pieces, pools and request checks")
struct DMAPiecesAndPoolTests {
  static let page = UInt64(sysconf(Int32(_SC_PAGESIZE)))

  struct Request: Equatable {
    let map: Bool
    let iova: UInt64
    let size: UInt64
  }

  /// A container answering MAP_DMA and UNMAP_DMA (all of the range unmapped), recording each.
  static func recordingContainer(_ seen: FakeLock<[Request]>) -> FakeFile {
    FakeFile(then: Step(.ioctl) { call in
      if call.request == K.container(.iommuMapDMA), let iova = call.load(UInt64.self, at: 16),
        let size = call.load(UInt64.self, at: 24)
      {
        seen.withLock { $0.append(Request(map: true, iova: iova, size: size)) }
      } else if call.request == K.container(.iommuUnmapDMA), let iova = call.load(UInt64.self, at: 8),
        let size = call.load(UInt64.self, at: 16)
      {
        seen.withLock { $0.append(Request(map: false, iova: iova, size: size)) }
      } else {
        return .failure(.inappropriateIOCTLForDevice)
      }
      return .result(0)
    }, budget: 1_000_000)
  }

  @Test("memory mapped in pieces: one request per piece; pieces unmapped and mapped again alone")
  func pieces() throws {
    let seen = FakeLock<[Request]>([])
    let fake = Self.recordingContainer(seen)
    let container = VFIOContainer(unsafeAdopting: fake.descriptor())
    let page = Self.page, base: UInt64 = 0x100_0000
    let mapping = try container.map(try GuestMemory(size: 4 * page), iova: base, granularity: page)
    #expect(seen.withLock { $0 } == (0..<4).map { Request(map: true, iova: base + $0 * page, size: page) })
    #expect(mapping.granularity == page)
    try mapping.unmapPieces(page..<3 * page)
    #expect(!mapping.isMapped(at: page) && !mapping.isMapped(at: 3 * page - 1) && mapping.isMapped(at: 3 * page))
    let again = try #require(throws: VFIOError.self) { try mapping.unmapPieces(2 * page..<3 * page) }
    #expect(again.reason == .dma(.pieceAlreadyInState(offset: 2 * page, mapped: false)))
    let misaligned = try #require(throws: VFIOError.self) { try mapping.mapPieces(page..<page + 1) }
    #expect(misaligned.reason == .dma(.misaligned(value: page + 1, alignment: page)))
    try mapping.mapPieces(page..<2 * page)
    let memory = try mapping.unmap()
    #expect(memory.size == 4 * page)
    #expect(seen.withLock { Array($0.dropFirst(4)) } == [
      Request(map: false, iova: base + page, size: 2 * page),
      Request(map: true, iova: base + page, size: page),
      Request(map: false, iova: base, size: 4 * page),
    ])
  }

  @Test("a mapping whose range the space unmapped leaves alone the mapping made there since")
  func unmappedFromOutside() throws {
    let seen = FakeLock<[Request]>([])
    let fake = Self.recordingContainer(seen)
    let container = VFIOContainer(unsafeAdopting: fake.descriptor())
    let page = Self.page, base: UInt64 = 0x200_0000
    do {
      let first = try container.map(try GuestMemory(size: page), iova: base)
      try container.unmapDMA(iova: base, size: page)
      let second = try container.map(try GuestMemory(size: page), iova: base)
      _ = consume first
      let secondMapped = second.isMapped(at: 0)
      #expect(secondMapped)
      _ = try second.unmap()
    }
    #expect(seen.withLock { $0 } == [
      Request(map: true, iova: base, size: page), Request(map: false, iova: base, size: page),
      Request(map: true, iova: base, size: page), Request(map: false, iova: base, size: page),
    ])
  }

  @Test("a granularity that does not divide the memory, or is no whole number of pages, is refused")
  func badGranularity() throws {
    let seen = FakeLock<[Request]>([])
    let fake = Self.recordingContainer(seen)
    let container = VFIOContainer(unsafeAdopting: fake.descriptor())
    let uneven = try #require(throws: VFIOError.self) {
      _ = try container.map(try GuestMemory(size: 3 * Self.page), iova: 0, granularity: 2 * Self.page)
    }
    #expect(uneven.reason == .dma(.misaligned(value: 3 * Self.page, alignment: 2 * Self.page)))
    let partial = try #require(throws: VFIOError.self) {
      _ = try container.map(try GuestMemory(size: Self.page), iova: 0, granularity: 100)
    }
    #expect(partial.reason == .dma(.misaligned(value: 100, alignment: Self.page)))
    #expect(seen.withLock { $0 } == [])
  }

  @Test("empty, wrapping and overlapping requests never reach the kernel")
  func refusedRequests() throws {
    let seen = FakeLock<[Request]>([])
    let fake = Self.recordingContainer(seen)
    let container = VFIOContainer(unsafeAdopting: fake.descriptor())
    var byte: UInt8 = 0
    let mapping = try container.map(try GuestMemory(size: Self.page), iova: 0x10000)
    let cases: [(UInt64, UInt64, DMAError)] = [
      (0x20000, 0, .emptyRange),
      (UInt64.max - 0xFFF, 0x2000, .wrapsAround(iova: UInt64.max - 0xFFF, size: 0x2000)),
      (0xF000, 0x2000, .overlaps(iova: 0xF000, size: 0x2000, mapped: 0x10000...0x10000 + Self.page - 1)),
    ]
    for (iova, size, expected) in cases {
      let error = try #require(throws: VFIOError.self) { try container.unsafeMapDMA(address: &byte, size: size, iova: iova) }
      #expect(error.reason == .dma(expected))
    }
    let unmapWrap = try #require(throws: VFIOError.self) { try container.unmapDMA(iova: 2, size: UInt64.max) }
    #expect(unmapWrap.reason == .dma(.wrapsAround(iova: 2, size: UInt64.max)))
    #expect(seen.withLock { $0.count } == 1)
    // Once unmapped, the range is free again.
    _ = try mapping.unmap()
    try container.unsafeMapDMA(address: &byte, size: 0x2000, iova: 0xF000)
    #expect(seen.withLock { $0.count } == 3)
  }

  @Test("a pool hands out page-aligned buffers with their IOVA, never two at once over one page")
  func pool() throws {
    let seen = FakeLock<[Request]>([])
    let fake = Self.recordingContainer(seen)
    let container = VFIOContainer(unsafeAdopting: fake.descriptor())
    let pages: UInt64 = 64
    let pool = DMABufferPool(try container.map(try GuestMemory(size: pages * Self.page), iova: 0x4000_0000))
    #expect(pool.freeBytes == pages * Self.page)
    let failures = FakeLock<[String]>([])
    let held = FakeLock<[ClosedRange<UInt64>]>([])
    onThreads(8) { thread in
      for round in 0..<200 {
        let size = UInt64((thread + round) % 3 + 1) * Self.page - 1
        do throws(VFIOError) {
          var buffer = try pool.allocate(size: size, alignment: round % 2 == 0 ? 0 : 2 * Self.page)
          let span = buffer.iova...(buffer.iova + buffer.size - 1)
          let clash = held.withLock { held -> Bool in
            defer { held.append(span) }
            return held.contains { $0.overlaps(span) }
          }
          let offset = buffer.iova - pool.iova
          if clash || buffer.baseAddress != pool.baseAddress + Int(offset)
            || buffer.iova % Self.page != 0 || buffer.size < size || (round % 2 == 1 && offset % (2 * Self.page) != 0)
            || !buffer.bytes.withUnsafeBytes({ $0.allSatisfy { $0 == 0 } })
          {
            failures.withLock { $0.append("thread \(thread) round \(round): \(span)") }
          }
          var bytes = buffer.mutableBytes
          _ = bytes.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: UInt8(thread + 1)) }
          held.withLock { $0.removeAll { $0 == span } }
        } catch {
          failures.withLock { $0.append("thread \(thread) round \(round): \(error)") }
        }
      }
    }
    #expect(failures.withLock { $0 } == [])
    #expect(pool.freeBytes == pages * Self.page)
  }

  @Test("a pool refuses what it cannot hold with a typed error, and takes pages back when buffers go")
  func poolExhaustion() throws {
    let seen = FakeLock<[Request]>([])
    let fake = Self.recordingContainer(seen)
    let container = VFIOContainer(unsafeAdopting: fake.descriptor())
    let pool = DMABufferPool(try container.map(try GuestMemory(size: 4 * Self.page), iova: 0x1_0000_0000))
    let first = try pool.allocate(size: 2 * Self.page)
    #expect(first.iova == 0x1_0000_0000)
    let second = try pool.allocate(size: Self.page, alignment: 2 * Self.page)
    #expect(second.iova == 0x1_0000_0000 + 2 * Self.page)
    let error = try #require(throws: VFIOError.self) { _ = try pool.allocate(size: 2 * Self.page) }
    #expect(error.reason == .dma(.poolExhausted(requested: 2 * Self.page, free: Self.page)))
    _ = consume first
    let reused = try pool.allocate(size: 2 * Self.page, zeroed: false)
    #expect(reused.iova == 0x1_0000_0000)
    #expect((try #require(throws: VFIOError.self) { _ = try pool.allocate(size: 0) }).reason == .dma(.emptyRange))
    _ = consume second
  }

  @Test(
    "a buffer's shared loads and stores are little-endian at their offset; out of range, misaligned or of another width is a typed error",
    arguments: [(4096 - 8, true), (4096 - 4, false), (4096, false), (-8, false), (3, false)])
  func sharedAccess(offset: Int, fits: Bool) throws {
    let fake = Self.recordingContainer(FakeLock([]))
    let container = VFIOContainer(unsafeAdopting: fake.descriptor())
    let pool = DMABufferPool(try container.map(try GuestMemory(size: 2 * Self.page), iova: 0x2_0000_0000))
    let buffer = try pool.allocate(size: 4096)
    guard fits else {
      let error = try #require(throws: VFIOError.self) { try buffer.store(UInt64(1), at: offset) }
      #expect(error.reason == .outOfRange(offset: UInt64(bitPattern: Int64(offset)), count: 8, limit: buffer.size))
      #expect(throws: VFIOError.self) { _ = try buffer.load(UInt64.self, at: offset) }
      return
    }
    try buffer.store(UInt64(0x0102_0304_0506_0708), at: offset)
    let stored = buffer.bytes.withUnsafeBytes { Array($0[offset..<offset + 8]) }
    #expect(stored == [8, 7, 6, 5, 4, 3, 2, 1])
    #expect(try buffer.load(UInt32.self, at: offset + 4) == 0x0102_0304)
    #expect(try buffer.load(UInt8.self, at: offset) == 8)
    let wide = try #require(throws: VFIOError.self) { _ = try buffer.load(UInt128.self, at: 0) }
    #expect(wide.reason == .outOfRange(offset: 0, count: 16, limit: buffer.size))
  }
}
