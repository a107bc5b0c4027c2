/// Buffers of one size from a ``DMABufferPool``, allocated in one call and held together: a
/// driver's per-command data buffers or PRP list pages, a NIC's receive buffers.
///
/// A ``DMABuffer`` is non-copyable, so it cannot live in an `Array`; carving one large buffer
/// into slots instead makes every access an offset computed by hand, with nothing to stop a write
/// from running into the next slot. This holds each buffer on its own: ``withBuffer(at:_:)``
/// lends one (its loads and stores bounded by its own size), ``iova(at:)`` and
/// ``index(containing:)`` translate between indexes and the addresses a device sees, and
/// ``take(at:)`` moves one out. The buffers' pages go back to the pool when this value goes out
/// of scope, or one by one as taken buffers are dropped.
///
/// It is `Sendable`: threads may borrow it at once and use different buffers.
public struct DMABuffers: ~Copyable, @unchecked Sendable {
  // @unchecked: `storage` is owned by this value and reached only through it; a buffer is
  // moved out (`take`) only with exclusive access.
  private let storage: UnsafeMutablePointer<DMABuffer>
  /// Whether each slot still holds its buffer.
  private var held: [Bool]
  /// Each buffer's first IOVA with its index, by IOVA, for ``index(containing:)``.
  private let byIOVA: [(iova: UInt64, index: Int)]
  /// How many buffers were allocated (taken ones included).
  public let count: Int
  /// Each buffer's length in bytes: whole pages.
  public let bufferSize: UInt64
  private let poolIOVA: UInt64

  internal init(pool: DMABufferPool, firstPages: [Int], pageCount: Int, zeroed: Bool) {
    storage = .allocate(capacity: firstPages.count)
    for (index, first) in firstPages.enumerated() {
      let buffer = DMABuffer(pool: pool, firstPage: first, pageCount: pageCount)
      if zeroed { buffer.unsafeBytes.initializeMemory(as: UInt8.self, repeating: 0) }
      (storage + index).initialize(to: buffer)
    }
    held = Array(repeating: true, count: firstPages.count)
    count = firstPages.count
    bufferSize = UInt64(pageCount) * pool.pageSize
    byIOVA = firstPages.enumerated().map { (pool.iova + UInt64($0.element) * pool.pageSize, $0.offset) }
      .sorted { $0.iova < $1.iova }
    poolIOVA = pool.iova
  }

  deinit {
    for index in 0..<count where held[index] { (storage + index).deinitialize(count: 1) }
    storage.deallocate()
  }

  /// Whether buffer `index` is here: in range and not taken.
  public func holds(_ index: Int) -> Bool { index >= 0 && index < count && held[index] }

  /// Lends buffer `index` to `body`.
  ///
  /// - Throws: ``VFIOError/Reason/outOfRange(offset:count:limit:)`` for an index outside
  ///   0..<``count``, ``VFIOError/Reason/notFound(_:)`` for a buffer taken; what `body` throws.
  public func withBuffer<Result: ~Copyable>(
    at index: Int, _ body: (borrowing DMABuffer) throws(VFIOError) -> Result
  ) throws(VFIOError) -> Result {
    try check(index, "borrow")
    return try body(storage[index])
  }

  /// Where devices see buffer `index`'s first byte.
  ///
  /// - Throws: as ``withBuffer(at:_:)``.
  public func iova(at index: Int) throws(VFIOError) -> UInt64 {
    try withBuffer(at: index) { $0.iova }
  }

  /// The index of the buffer here whose bytes include `iova`, as a device reports an address
  /// back (a completion naming the buffer it filled); nil when none does.
  public func index(containing iova: UInt64) -> Int? {
    // The last buffer starting at or below `iova`.
    var low = 0, high = byIOVA.count
    while low < high {
      let middle = (low + high) / 2
      if byIOVA[middle].iova <= iova { low = middle + 1 } else { high = middle }
    }
    guard low > 0 else { return nil }
    let (start, index) = byIOVA[low - 1]
    return iova - start < bufferSize && held[index] ? index : nil
  }

  /// Moves buffer `index` out, to live on its own: dropping it gives its pages back to the pool
  /// now, before the rest. Its slot stays empty.
  ///
  /// - Throws: as ``withBuffer(at:_:)``.
  public mutating func take(at index: Int) throws(VFIOError) -> DMABuffer {
    try check(index, "take")
    held[index] = false
    return (storage + index).move()
  }

  private func check(_ index: Int, _ operation: String) throws(VFIOError) {
    let target = "DMA buffers at IOVA 0x\(String(poolIOVA, radix: 16))"
    guard index >= 0, index < count else {
      throw VFIOError(
        operation: "\(operation) buffer \(index)", target: target,
        reason: .outOfRange(offset: UInt64(bitPattern: Int64(index)), count: 1, limit: UInt64(count)))
    }
    guard held[index] else {
      throw VFIOError(operation: "\(operation) buffer \(index)", target: target, reason: .notFound("buffer \(index), taken"))
    }
  }
}

extension DMABufferPool {
  /// `count` buffers of at least `size` bytes each (whole pages), each aligned to `alignment`
  /// bytes (as ``allocate(size:alignment:zeroed:)``), zeroed unless `zeroed` is false: all of
  /// them or, when the pool cannot hold them all, none.
  ///
  /// - Throws: ``VFIOError/Reason/dma(_:)``: ``DMAError/emptyRange`` for 0 bytes or a count
  ///   below 1, ``DMAError/misaligned(value:alignment:)`` for an alignment that is no power of
  ///   two, ``DMAError/poolExhausted(requested:free:)`` when the free runs cannot hold them all.
  public func allocate(count: Int, size: UInt64, alignment: UInt64 = 0, zeroed: Bool = true) throws(VFIOError) -> DMABuffers {
    let target = "DMA buffer pool at IOVA 0x\(String(iova, radix: 16))"
    do throws(DMAError) {
      guard count >= 1 else { throw .emptyRange }
      let (pages, step) = try shape(size: size, alignment: alignment)
      let (total, overflow) = UInt64(count).multipliedReportingOverflow(by: pages)
      let requested = UInt64(count).multipliedReportingOverflow(by: size)
      guard !overflow, total <= UInt64(pageCount), let firsts = claim(runs: count, pages: pages, step: step) else {
        throw .poolExhausted(requested: requested.overflow ? .max : requested.partialValue, free: freeBytes)
      }
      return DMABuffers(pool: self, firstPages: firsts, pageCount: Int(pages), zeroed: zeroed)
    } catch {
      throw VFIOError(operation: "allocate \(count) buffers of \(size) bytes", target: target, reason: .dma(error))
    }
  }
}
