/// A dirty-page bitmap as the kernel fills it: bit `n % 64` of 64-bit word
/// `n / 64` is set when page `n`, at `baseIOVA + n * pageSize`, was written.
///
/// Scans go a word at a time: zero words are skipped with one compare, and
/// within a word each set bit is found with `trailingZeroBitCount`.
@frozen
public struct DirtyBitmap: Hashable, Sendable {
  /// The IOVA of page 0.
  public let baseIOVA: UInt64
  /// The range length the bitmap was made for.
  public let length: UInt64
  /// The bytes one bit stands for: a power of two the IOMMU supports for dirty tracking.
  public let pageSize: UInt64
  /// Pages covered: `length / pageSize`, rounded up.
  public let pageCount: Int
  @usableFromInline
  internal var storage: [UInt64]

  /// The largest bitmap built unless told otherwise: the type1 IOMMU's own
  /// limit, one bit per page for `INT_MAX` pages.
  public static var defaultMaximumByteCount: Int { Int(Int32.max) / 8 + 1 }

  /// An all-clean bitmap for `length` bytes of IOVA from `baseIOVA`.
  ///
  /// - Parameters:
  ///   - baseIOVA: The first IOVA the bitmap covers.
  ///   - length: How many bytes of IOVA it covers.
  ///   - pageSize: The bytes one bit stands for, a power of two.
  ///   - maximumByteCount: The largest bitmap to allocate. It may be raised for a
  ///     very large guest, but never past the machine's physical memory: a bitmap that could
  ///     not be allocated is ``DirtyPageError/bitmapTooLarge(byteCount:maximum:)``, not a crash.
  public init(
    baseIOVA: UInt64, length: UInt64, pageSize: UInt64,
    maximumByteCount: Int = DirtyBitmap.defaultMaximumByteCount
  ) throws(DirtyPageError) {
    let pages = try Self.pageCount(baseIOVA: baseIOVA, length: length, pageSize: pageSize)
    let bytes = Self.byteCount(pages: pages)
    let memory = system_physicalMemoryBytes() ?? .max
    let maximum = Swift.min(UInt64(Swift.max(maximumByteCount, 0)), memory)
    guard bytes <= maximum, let pageCount = Int(exactly: pages) else {
      throw .bitmapTooLarge(byteCount: bytes, maximum: Int(clamping: maximum))
    }
    self.baseIOVA = baseIOVA
    self.length = length
    self.pageSize = pageSize
    self.pageCount = pageCount
    self.storage = [UInt64](repeating: 0, count: Int(bytes) / 8)
  }

  /// A bitmap over `words` the kernel already filled; bits past the last page are ignored.
  public init(baseIOVA: UInt64, length: UInt64, pageSize: UInt64, words: [UInt64]) throws(DirtyPageError) {
    let pages = try Self.pageCount(baseIOVA: baseIOVA, length: length, pageSize: pageSize)
    let required = Self.byteCount(pages: pages) / 8
    guard UInt64(words.count) == required, let pageCount = Int(exactly: pages) else {
      throw .wordCountMismatch(words: words.count, required: Int(clamping: required))
    }
    self.baseIOVA = baseIOVA
    self.length = length
    self.pageSize = pageSize
    self.pageCount = pageCount
    self.storage = words
    clearBitsPastLastPage()
  }

  /// The bytes of bitmap the kernel needs for `length` bytes at `pageSize`:
  /// one bit per page, rounded up to whole 64-bit words (`DIRTY_BITMAP_BYTES`).
  public static func byteCount(
    baseIOVA: UInt64 = 0, length: UInt64, pageSize: UInt64
  ) throws(DirtyPageError) -> UInt64 {
    byteCount(pages: try pageCount(baseIOVA: baseIOVA, length: length, pageSize: pageSize))
  }

  static func pageCount(baseIOVA: UInt64, length: UInt64, pageSize: UInt64) throws(DirtyPageError) -> UInt64 {
    guard pageSize != 0, pageSize & (pageSize - 1) == 0 else { throw .pageSizeNotPowerOfTwo(pageSize) }
    guard length != 0 else { throw .emptyRange }
    let pages = length / pageSize + (length % pageSize == 0 ? 0 : 1)
    // The last page must end inside the 64-bit IOVA space.
    let (covered, overflow) = pages.multipliedReportingOverflow(by: pageSize)
    guard !overflow, covered - 1 <= UInt64.max - baseIOVA else {
      throw .rangeOverflows(iova: baseIOVA, length: length)
    }
    return pages
  }

  /// `pages` is at most 2^64 / 1: the word count cannot overflow.
  static func byteCount(pages: UInt64) -> UInt64 {
    (pages / 64 + (pages % 64 == 0 ? 0 : 1)) * 8
  }

  /// The kernel's 64-bit words.
  public var words: [UInt64] { storage }

  /// Bytes of bitmap: what goes in `vfio_bitmap.size`.
  public var byteCount: Int { storage.count * MemoryLayout<UInt64>.size }

  /// The number of dirty pages.
  @inlinable
  public var dirtyPageCount: Int {
    var count = 0
    for word in storage { count &+= word.nonzeroBitCount }
    return count
  }

  /// Whether page `index` is dirty; pages outside the bitmap are clean.
  @inlinable
  public func isDirty(page index: Int) -> Bool {
    guard index >= 0, index < pageCount else { return false }
    return storage[index / 64] & (1 << UInt64(index % 64)) != 0
  }

  /// Marks page `index` dirty; pages outside the bitmap are ignored.
  @inlinable
  public mutating func markDirty(page index: Int) {
    guard index >= 0, index < pageCount else { return }
    storage[index / 64] |= 1 << UInt64(index % 64)
  }

  /// Marks every page clean, keeping the storage.
  public mutating func clear() {
    for index in storage.indices { storage[index] = 0 }
  }

  /// Adds the dirty pages of `other`, which must cover the same pages.
  public mutating func formUnion(_ other: DirtyBitmap) throws(DirtyPageError) {
    guard baseIOVA == other.baseIOVA, pageSize == other.pageSize, pageCount == other.pageCount else {
      throw .geometryMismatch
    }
    for index in storage.indices { storage[index] |= other.storage[index] }
  }

  /// The pages dirty in either bitmap, which must cover the same pages.
  public func union(_ other: DirtyBitmap) throws(DirtyPageError) -> DirtyBitmap {
    var result = self
    try result.formUnion(other)
    return result
  }

  /// The words for the kernel (or anyone) to write; bits past the last page
  /// are cleared afterwards, so scans never report pages outside the range.
  public mutating func withUnsafeMutableWords<Result, Failure: Error>(
    _ body: (UnsafeMutableBufferPointer<UInt64>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    defer { clearBitsPastLastPage() }
    return try storage.withUnsafeMutableBufferPointer { (words) throws(Failure) -> Result in
      try body(words)
    }
  }

  mutating func clearBitsPastLastPage() {
    let used = pageCount % 64
    guard used != 0, let last = storage.indices.last else { return }
    storage[last] &= (1 << UInt64(used)) &- 1
  }
}

extension DirtyBitmap {
  /// Indexes of the dirty pages, in order.
  @inlinable
  public var dirtyPageIndices: DirtyPageIndices { DirtyPageIndices(words: storage) }

  /// Runs of consecutive dirty pages, as page index ranges, in order.
  @inlinable
  public var dirtyPageRuns: DirtyPageRuns { DirtyPageRuns(words: storage) }

  /// The IOVA of each dirty page, in order.
  @inlinable
  public var dirtyPages: LazyMapSequence<DirtyPageIndices, UInt64> {
    let base = baseIOVA, size = pageSize
    return dirtyPageIndices.lazy.map { base &+ UInt64(truncatingIfNeeded: $0) &* size }
  }

  /// Coalesced dirty IOVA ranges, in order.
  @inlinable
  public var dirtyRanges: LazyMapSequence<DirtyPageRuns, DirtyRange> {
    let base = baseIOVA, size = pageSize
    return dirtyPageRuns.lazy.map { run in
      DirtyRange(
        iova: base &+ UInt64(truncatingIfNeeded: run.lowerBound) &* size,
        length: UInt64(truncatingIfNeeded: run.count) &* size)
    }
  }
}

/// A run of dirty pages: `length` bytes from `iova`.
@frozen
public struct DirtyRange: Hashable, Sendable {
  /// The IOVA of the first dirty page.
  public var iova: UInt64
  /// The run's length in bytes: a whole number of pages.
  public var length: UInt64

  /// A run of `length` bytes from `iova`.
  @inlinable
  public init(iova: UInt64, length: UInt64) {
    self.iova = iova
    self.length = length
  }
}
