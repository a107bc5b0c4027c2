import FakeKernel
import Foundation
import SystemPackage
import Testing
import VFIO

/// Many buffers of a pool held as one ``DMABuffers``: in the pool suite, which runs under
/// ThreadSanitizer.
extension DMAPiecesAndPoolTests {
  static func pool(pages: UInt64, iova: UInt64) throws -> (DMABufferPool, FakeFile) {
    let fake = recordingContainer(FakeLock([]))
    let container = VFIOContainer(unsafeAdopting: fake.descriptor())
    return (DMABufferPool(try container.map(try GuestMemory(size: pages * page), iova: iova)), fake)
  }

  @Test("buffers allocated in one call: each its own pages, bounded by its own size, found by IOVA, taken one by one")
  func buffers() throws {
    let (pool, fake) = try Self.pool(pages: 16, iova: 0x8000_0000)
    let page = Self.page
    do {
      var buffers = try pool.allocate(count: 4, size: page + 1)
      #expect(buffers.count == 4 && buffers.bufferSize == 2 * page)
      #expect(pool.freeBytes == 8 * page)
      let iovas = try (0..<4).map { index throws(VFIOError) in try buffers.iova(at: index) }
      #expect(Set(iovas).count == 4 && iovas.allSatisfy { ($0 - pool.iova) % page == 0 })
      #expect(zip(iovas.sorted(), iovas.sorted().dropFirst()).allSatisfy { $1 - $0 >= 2 * page })
      for (index, iova) in iovas.enumerated() {
        #expect(buffers.index(containing: iova + 2 * page - 1) == index && buffers.index(containing: iova) == index)
      }
      #expect(buffers.index(containing: pool.iova + 15 * page) == nil && buffers.index(containing: 0) == nil)
      // Zeroed, and a store past one buffer's end is refused instead of reaching the next.
      try buffers.withBuffer(at: 2) { buffer throws(VFIOError) in
        #expect(try buffer.load(UInt64.self, at: 8) == 0)
        try buffer.store(UInt64(7), at: Int(2 * page) - 8)
      }
      let past = try #require(throws: VFIOError.self) {
        try buffers.withBuffer(at: 2) { buffer throws(VFIOError) in try buffer.store(UInt64(7), at: Int(2 * page)) }
      }
      #expect(past.reason == .outOfRange(offset: 2 * page, count: 8, limit: 2 * page))
      let outside = try #require(throws: VFIOError.self) { _ = try buffers.iova(at: 4) }
      #expect(outside.reason == .outOfRange(offset: 4, count: 1, limit: 4))
      let negative = try #require(throws: VFIOError.self) { _ = try buffers.iova(at: -1) }
      #expect(negative.reason == .outOfRange(offset: UInt64(bitPattern: -1), count: 1, limit: 4))
      // Taken: it lives on its own, its slot is empty, and dropping it frees its pages.
      let taken = try buffers.take(at: 1)
      #expect(taken.iova == iovas[1] && !buffers.holds(1) && buffers.holds(0))
      #expect(buffers.index(containing: iovas[1]) == nil)
      let again = try #require(throws: VFIOError.self) { _ = try buffers.take(at: 1) }
      #expect(again.reason == .notFound("buffer 1, taken"))
      _ = consume taken
      #expect(pool.freeBytes == 10 * page)
    }
    #expect(pool.freeBytes == 16 * page)
    #expect(fake.mismatches.isEmpty)
  }

  @Test("all or none: a count the pool cannot hold claims nothing; no count below 1, no unbounded allocation")
  func buffersAllOrNone() throws {
    let (pool, _) = try Self.pool(pages: 8, iova: 0x9000_0000)
    let page = Self.page
    let held = try pool.allocate(size: page)
    let tooMany = try #require(throws: VFIOError.self) { _ = try pool.allocate(count: 4, size: 2 * page) }
    #expect(tooMany.reason == .dma(.poolExhausted(requested: 8 * page, free: 7 * page)))
    #expect(pool.freeBytes == 7 * page)
    let none = try #require(throws: VFIOError.self) { _ = try pool.allocate(count: 0, size: page) }
    #expect(none.reason == .dma(.emptyRange))
    let huge = try #require(throws: VFIOError.self) { _ = try pool.allocate(count: .max, size: .max) }
    #expect(huge.reason == .dma(.poolExhausted(requested: .max, free: 7 * page)))
    let three = try pool.allocate(count: 3, size: 2 * page, alignment: 2 * page)
    #expect(try (0..<3).allSatisfy { index throws(VFIOError) in try (three.iova(at: index) - pool.iova) % (2 * page) == 0 })
    _ = consume held
  }

  @Test("threads allocate and drop many buffers at once: no page handed out twice, every page back")
  func buffersFromThreads() throws {
    let (pool, _) = try Self.pool(pages: 64, iova: 0xA000_0000)
    let page = Self.page
    let inUse = FakeLock<Set<UInt64>>([])
    let failures = FakeLock<[String]>([])
    onThreads(8) { thread in
      for round in 0..<50 {
        do throws(VFIOError) {
          var buffers = try pool.allocate(count: 2, size: page)
          let iovas = [try buffers.iova(at: 0), try buffers.iova(at: 1)]
          let clash = inUse.withLock { used in
            defer { used.formUnion(iovas) }
            return !used.isDisjoint(with: iovas)
          }
          if clash { failures.withLock { $0.append("thread \(thread): a page handed out twice") } }
          inUse.withLock { $0.subtract(iovas) }
          _ = try buffers.take(at: round % 2)
        } catch {
          // Eight threads of two pages fit: exhaustion would be a leak.
          failures.withLock { $0.append("thread \(thread): \(error)") }
        }
      }
    }
    #expect(failures.withLock { $0 } == [])
    #expect(pool.freeBytes == 64 * page)
  }
}
