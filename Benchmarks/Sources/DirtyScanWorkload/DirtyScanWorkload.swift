import CDirtyScanBaseline
import VFIO

// 1 TiB of 4 KiB pages: 2^28 bits, a 32 MiB bitmap.
public let pageSize: UInt64 = 4096
public let length: UInt64 = 1 << 40
public let baseIOVA: UInt64 = 1 << 44

/// The densities the benchmark scans, with their labels.
public let densities: [(label: String, density: Double)] = [("0.1%", 0.001), ("1%", 0.01), ("50%", 0.5)]

/// SplitMix64, so every run scans the same bitmaps.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

/// A 32 MiB bitmap with about `density` of its pages dirty, at random.
public func makeBitmap(density: Double) -> DirtyBitmap {
  guard var bitmap = try? DirtyBitmap(baseIOVA: baseIOVA, length: length, pageSize: pageSize) else {
    fatalError("1 TiB of 4 KiB pages is a valid bitmap")
  }
  var random = SplitMix64(state: 0x5eed)
  if density >= 0.5 {
    bitmap.withUnsafeMutableWords { words in
      for index in words.indices { words[index] = random.next() }
    }
  } else {
    let dirty = Int(Double(bitmap.pageCount) * density)
    for _ in 0..<dirty { bitmap.markDirty(page: Int.random(in: 0..<bitmap.pageCount, using: &random)) }
  }
  return bitmap
}

/// The sum of every dirty page's IOVA, through `DirtyBitmap.dirtyPages`.
@inline(never)
public func swiftScan(_ bitmap: DirtyBitmap) -> UInt64 {
  var sum: UInt64 = 0
  for iova in bitmap.dirtyPages { sum &+= iova }
  return sum
}

/// The same sum from the C `__builtin_ctzll` loop, over the same words.
@inline(never)
public func cScan(_ bitmap: DirtyBitmap) -> UInt64 {
  bitmap.words.withUnsafeBufferPointer { words in
    cdirty_sum_dirty_iovas(words.baseAddress, words.count, baseIOVA, pageSize)
  }
}

/// Best-of-`rounds` scan times of Swift and C, alternating which goes first
/// so neither always finds the other's data in the cache.
public struct ScanComparison: Sendable {
  public var swiftSeconds: Double
  public var cSeconds: Double
  public var bytes: Int

  public var swiftGBps: Double { Double(bytes) / swiftSeconds / 1e9 }
  public var cGBps: Double { Double(bytes) / cSeconds / 1e9 }
  /// Swift's throughput over C's: above 1, Swift is faster.
  public var ratio: Double { cSeconds / swiftSeconds }
}

public func compareScans(_ bitmap: DirtyBitmap, rounds: Int) -> ScanComparison {
  let clock = ContinuousClock()
  var best = ScanComparison(swiftSeconds: .infinity, cSeconds: .infinity, bytes: bitmap.byteCount)
  for round in 0..<rounds {
    var swiftSum: UInt64 = 0
    var cSum: UInt64 = 0
    let swiftFirst = round % 2 == 0
    if !swiftFirst { best.cSeconds = min(best.cSeconds, seconds(clock.measure { cSum = cScan(bitmap) })) }
    best.swiftSeconds = min(best.swiftSeconds, seconds(clock.measure { swiftSum = swiftScan(bitmap) }))
    if swiftFirst { best.cSeconds = min(best.cSeconds, seconds(clock.measure { cSum = cScan(bitmap) })) }
    precondition(swiftSum == cSum, "Swift and C disagree on the dirty pages")
  }
  return best
}

func seconds(_ duration: Duration) -> Double {
  let (whole, attoseconds) = duration.components
  return Double(whole) + Double(attoseconds) * 1e-18
}
