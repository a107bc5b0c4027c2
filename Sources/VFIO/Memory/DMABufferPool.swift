
/// Small DMA buffers carved from one ``DMAMapping``: queues, descriptor rings, PRP lists and
/// data buffers of a userspace driver, each page-aligned with its IOVA known, without an
/// IOMMU request per buffer. A buffer gives its pages back when it goes out of scope.
///
/// Threads allocate and drop buffers at once; the pool's page map is its only lock. The pool
/// lives (and its memory stays mapped) as long as any of its buffers.
public final class DMABufferPool: Sendable {
  private let mapping: DMAMapping
  /// One bit per page, set while a buffer holds it.
  private let used: Locked<[UInt64]>
  /// The pool's allocation unit and alignment: the system's page size.
  public let pageSize: UInt64
  /// The pages of the pool.
  public let pageCount: Int

  /// A pool of the pages of `mapping`, which it owns from now on.
  public init(_ mapping: consuming DMAMapping) {
    pageSize = UInt64(system_pageSize())
    pageCount = Int(mapping.size / pageSize)
    used = Locked(Array(repeating: 0, count: (pageCount + 63) / 64))
    self.mapping = mapping
  }

  /// Where devices see the pool's first byte.
  public var iova: UInt64 { mapping.iova }
  /// The pool's first byte in this process.
  public var baseAddress: UnsafeMutableRawPointer { mapping.baseAddress }
  /// The pool's length in bytes.
  public var size: UInt64 { mapping.size }
  /// The bytes no buffer holds now.
  public var freeBytes: UInt64 {
    let busy = used.withLock { $0.reduce(0) { $0 + $1.nonzeroBitCount } }
    return UInt64(pageCount - busy) * pageSize
  }

  /// A buffer of at least `size` bytes (whole pages), its start aligned to `alignment` bytes
  /// (a power of two; a page unless asked for more), zeroed unless `zeroed` is false.
  ///
  /// - Throws: ``VFIOError/Reason/dma(_:)``: ``DMAError/emptyRange`` for 0 bytes,
  ///   ``DMAError/misaligned(value:alignment:)`` for an alignment that is no power of two,
  ///   ``DMAError/poolExhausted(requested:free:)`` when no free run is long enough.
  public func allocate(size: UInt64, alignment: UInt64 = 0, zeroed: Bool = true) throws(VFIOError) -> DMABuffer {
    let target = "DMA buffer pool at IOVA 0x\(String(iova, radix: 16))"
    do throws(DMAError) {
      let (pages, step) = try shape(size: size, alignment: alignment)
      guard let first = claim(runs: 1, pages: pages, step: step)?.first else {
        throw .poolExhausted(requested: size, free: freeBytes)
      }
      let buffer = DMABuffer(pool: self, firstPage: first, pageCount: Int(pages))
      if zeroed { buffer.unsafeBytes.initializeMemory(as: UInt8.self, repeating: 0) }
      return buffer
    } catch {
      throw VFIOError(operation: "allocate \(size) bytes", target: target, reason: .dma(error))
    }
  }

  /// The pages and the page step of a buffer of `size` bytes aligned to `alignment`.
  internal func shape(size: UInt64, alignment: UInt64) throws(DMAError) -> (pages: UInt64, step: Int) {
    guard size > 0 else { throw .emptyRange }
    guard alignment == 0 || alignment.nonzeroBitCount == 1 else { throw .misaligned(value: alignment, alignment: 2) }
    let pages = size / pageSize + (size % pageSize == 0 ? 0 : 1)
    return (pages, max(1, Int(min(max(alignment, pageSize) / pageSize, UInt64(pageCount + 1)))))
  }

  /// The first pages of `runs` runs of `pages` free pages, each starting at a multiple of
  /// `step`, marked used in one turn of the lock; nil (and nothing marked) if they do not all fit.
  internal func claim(runs: Int, pages: UInt64, step: Int) -> [Int]? {
    used.withLock { words in
      var firsts: [Int] = []
      for _ in 0..<runs {
        guard let first = Self.claim(&words, pages: pages, step: step, of: pageCount) else {
          for first in firsts { Self.release(&words, firstPage: first, pageCount: Int(pages)) }
          return nil
        }
        firsts.append(first)
      }
      return firsts
    }
  }

  /// The first of `pages` free pages starting at a multiple of `step`, marked used; nil if none.
  private static func claim(_ words: inout [UInt64], pages: UInt64, step: Int, of count: Int) -> Int? {
    guard pages <= UInt64(count) else { return nil }
    let length = Int(pages)
    var start = 0
    while start + length <= count {
      // The last used page in the candidate run decides where the next candidate starts.
      if let busy = (start..<start + length).last(where: { words[$0 / 64] & (1 << ($0 % 64)) != 0 }) {
        start = (busy / step + 1) * step
        continue
      }
      for page in start..<start + length { words[page / 64] |= 1 << (page % 64) }
      return start
    }
    return nil
  }

  fileprivate func release(firstPage: Int, pageCount: Int) {
    used.withLock { Self.release(&$0, firstPage: firstPage, pageCount: pageCount) }
  }

  private static func release(_ words: inout [UInt64], firstPage: Int, pageCount: Int) {
    for page in firstPage..<firstPage + pageCount { words[page / 64] &= ~(1 << (page % 64)) }
  }

  fileprivate func address(ofPage page: Int) -> UnsafeMutableRawPointer { mapping.baseAddress + page * Int(pageSize) }
}

/// A page-aligned buffer from a ``DMABufferPool``: devices see it at ``iova``, this process at
/// ``baseAddress``. Its pages go back to the pool when it goes out of scope.
///
/// It is `Sendable`, so a buffer filled on one thread can be completed on another; its bytes
/// are plain memory shared with the device.
public struct DMABuffer: ~Copyable, OwnedMemory, @unchecked Sendable {
  // @unchecked: the pointer it derives is fixed; the pool it returns pages to is Sendable.
  private let pool: DMABufferPool
  private let firstPage: Int
  private let pageCount: Int

  internal init(pool: DMABufferPool, firstPage: Int, pageCount: Int) {
    self.pool = pool
    self.firstPage = firstPage
    self.pageCount = pageCount
  }

  deinit { pool.release(firstPage: firstPage, pageCount: pageCount) }

  /// Where devices see the first byte.
  public var iova: UInt64 { pool.iova + UInt64(firstPage) * pool.pageSize }
  /// The first byte in this process.
  public var baseAddress: UnsafeMutableRawPointer { pool.address(ofPage: firstPage) }
  /// The buffer's length: whole pages.
  public var size: UInt64 { UInt64(pageCount) * pool.pageSize }

  /// The buffer's bytes as a raw buffer, unchecked: nothing stops its use after this buffer is gone
  /// (``OwnedMemory/unsafeBytes`` says when to use it).
  public var unsafeBytes: UnsafeMutableRawBufferPointer {
    UnsafeMutableRawBufferPointer(start: baseAddress, count: Int(size))
  }
}
