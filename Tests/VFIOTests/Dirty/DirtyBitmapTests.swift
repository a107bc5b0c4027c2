import Testing

@testable import VFIO

/// The per-bit reference the word-at-a-time scans must agree with.
func referenceDirtyPages(_ bitmap: DirtyBitmap) -> [Int] {
  (0..<bitmap.pageCount).filter { bitmap.words[$0 / 64] >> UInt64($0 % 64) & 1 == 1 }
}

func referenceRuns(_ pages: [Int]) -> [Range<Int>] {
  var runs: [Range<Int>] = []
  for page in pages {
    if let last = runs.last, last.upperBound == page {
      runs[runs.count - 1] = last.lowerBound..<page + 1
    } else {
      runs.append(page..<page + 1)
    }
  }
  return runs
}

@Suite("Dirty bitmap")
struct DirtyBitmapTests {
  static let shapes: [(pages: Int, density: Double, seed: UInt64)] = [
    (1, 1, 1), (63, 0.5, 2), (64, 1, 3), (65, 0.5, 4), (1000, 0.001, 5), (1000, 0.01, 6),
    (4096, 0.5, 7), (4099, 0.9, 8), (10_000, 0.99, 9), (640, 1, 10), (777, 0, 11),
  ]

  @Test("Pages, runs, ranges and count agree with a per-bit scan", arguments: shapes)
  func scansAgree(pages: Int, density: Double, seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    var bitmap = try DirtyBitmap(baseIOVA: 0x10_0000, length: UInt64(pages) * 4096, pageSize: 4096)
    for page in 0..<pages where Double.random(in: 0..<1, using: &random) < density {
      bitmap.markDirty(page: page)
    }
    let expected = referenceDirtyPages(bitmap)
    #expect(Array(bitmap.dirtyPageIndices) == expected)
    #expect(bitmap.dirtyPageCount == expected.count)
    #expect(Array(bitmap.dirtyPages) == expected.map { 0x10_0000 + UInt64($0) * 4096 })
    let runs = referenceRuns(expected)
    #expect(Array(bitmap.dirtyPageRuns) == runs)
    #expect(
      Array(bitmap.dirtyRanges)
        == runs.map { DirtyRange(iova: 0x10_0000 + UInt64($0.lowerBound) * 4096, length: UInt64($0.count) * 4096) })
  }

  @Test("Runs across word boundaries, through all-ones words, and to the last page")
  func runs() throws {
    let words: [UInt64] = [1 << 63, ~0, ~0, 0b111, 0, 1 << 62 | 1 << 63, ~0]
    let bitmap = try DirtyBitmap(baseIOVA: 0, length: UInt64(words.count * 64), pageSize: 1, words: words)
    #expect(Array(bitmap.dirtyPageRuns) == [63..<195, 382..<448])
    #expect(Array(bitmap.dirtyPageRuns) == referenceRuns(referenceDirtyPages(bitmap)))
  }

  @Test("Bits the kernel set past the last page are not reported")
  func tailBits() throws {
    var bitmap = try DirtyBitmap(baseIOVA: 0, length: 70 * 4096, pageSize: 4096, words: [0, ~0])
    #expect(Array(bitmap.dirtyPageIndices) == Array(64..<70))
    bitmap.withUnsafeMutableWords { $0[1] = ~0 }
    #expect(bitmap.dirtyPageCount == 6 && Array(bitmap.dirtyPageRuns) == [64..<70])
  }

  @Test("Union, clear, and geometry checks")
  func unionAndClear() throws {
    var a = try DirtyBitmap(baseIOVA: 0, length: 200 * 4096, pageSize: 4096)
    var b = a
    a.markDirty(page: 3)
    b.markDirty(page: 150)
    b.markDirty(page: 3)
    let union = try a.union(b)
    #expect(Array(union.dirtyPageIndices) == [3, 150])
    a.clear()
    #expect(a.dirtyPageCount == 0 && Array(a.dirtyPageRuns).isEmpty)
    let other = try DirtyBitmap(baseIOVA: 4096, length: 200 * 4096, pageSize: 4096)
    #expect(throws: DirtyPageError.geometryMismatch) { try a.formUnion(other) }
    #expect(!a.isDirty(page: -1) && !a.isDirty(page: 200))
  }

  static let sizeCases: [(pageSize: UInt64, length: UInt64)] = [
    (4096, 4096), (4096, 64 * 4096), (4096, 65 * 4096), (4096, 4097), (1 << 21, 1 << 40), (4096, 1 << 40),
  ]

  @Test("Bitmap sizes follow the kernel's DIRTY_BITMAP_BYTES: whole u64 words, one bit per page", arguments: sizeCases)
  func sizes(pageSize: UInt64, length: UInt64) throws {
    let pages = (length + pageSize - 1) / pageSize
    let expected = (pages + 63) / 64 * 8
    #expect(try DirtyBitmap.byteCount(length: length, pageSize: pageSize) == expected)
    let bitmap = try DirtyBitmap(baseIOVA: 0, length: length, pageSize: pageSize)
    #expect(UInt64(bitmap.byteCount) == expected && bitmap.pageCount == Int(pages))
  }

  @Test("Bad geometry is refused with a typed error")
  func errors() {
    #expect(throws: DirtyPageError.pageSizeNotPowerOfTwo(0)) { _ = try DirtyBitmap(baseIOVA: 0, length: 4096, pageSize: 0) }
    #expect(throws: DirtyPageError.pageSizeNotPowerOfTwo(3000)) { _ = try DirtyBitmap(baseIOVA: 0, length: 4096, pageSize: 3000) }
    #expect(throws: DirtyPageError.emptyRange) { _ = try DirtyBitmap(baseIOVA: 0, length: 0, pageSize: 4096) }
    #expect(throws: DirtyPageError.rangeOverflows(iova: .max - 4095, length: 8192)) {
      _ = try DirtyBitmap(baseIOVA: .max - 4095, length: 8192, pageSize: 4096)
    }
    #expect(throws: DirtyPageError.rangeOverflows(iova: 0, length: .max)) {
      _ = try DirtyBitmap.byteCount(length: .max, pageSize: 1 << 63)
    }
    #expect(throws: DirtyPageError.bitmapTooLarge(byteCount: 1 << 37, maximum: DirtyBitmap.defaultMaximumByteCount)) {
      _ = try DirtyBitmap(baseIOVA: 0, length: 1 << 40, pageSize: 1)
    }
    #expect(throws: DirtyPageError.wordCountMismatch(words: 1, required: 2)) {
      _ = try DirtyBitmap(baseIOVA: 0, length: 65, pageSize: 1, words: [0])
    }
    // The top page of the IOVA space is fine.
    #expect(throws: Never.self) { _ = try DirtyBitmap(baseIOVA: .max - 4095, length: 4096, pageSize: 4096) }
  }
}

@Suite("Dirty bitmap limits")
struct DirtyBitmapLimitTests {
  /// This machine's memory as the kernel reports it in /proc/meminfo (`MemTotal`, in kB).
  static func memTotal() throws -> UInt64 {
    let text = try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("MemTotal:") })
    return try #require(UInt64(line.split(separator: " ")[1])) * 1024
  }

  @Test("A lifted limit still stops at physical memory: a typed error, never an allocation that aborts")
  func liftedLimitStopsAtPhysicalMemory() throws {
    let memory = try Self.memTotal()
    // One bit per byte-sized page: 2^61 bytes of bitmap for the whole 64-bit IOVA space.
    do {
      _ = try DirtyBitmap(baseIOVA: 0, length: .max, pageSize: 1, maximumByteCount: .max)
      Issue.record("a 2^61-byte bitmap was built")
    } catch .bitmapTooLarge(let bytes, let maximum) {
      #expect(bytes == 1 << 61)
      // sysconf counts pages of physical memory; MemTotal leaves out what the kernel reserves.
      #expect(UInt64(maximum) >= memory && UInt64(maximum) < memory + memory / 8, "limit \(maximum), MemTotal \(memory)")
    } catch {
      Issue.record("\(error)")
    }
    // Twice the machine's memory: refused although the caller allowed it.
    #expect(throws: DirtyPageError.self) {
      _ = try DirtyBitmap(baseIOVA: 0, length: memory * 16, pageSize: 1, maximumByteCount: .max)
    }
  }
}
