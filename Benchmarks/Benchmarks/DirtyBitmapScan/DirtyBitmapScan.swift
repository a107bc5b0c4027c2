import Benchmark
import CDirtyScanBaseline
import VFIO

// 1 TiB of 4 KiB pages: 2^28 bits, a 32 MiB bitmap.
let pageSize: UInt64 = 4096
let length: UInt64 = 1 << 40
let baseIOVA: UInt64 = 1 << 44

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

func makeBitmap(density: Double) -> DirtyBitmap {
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

@inline(never)
func swiftScan(_ bitmap: DirtyBitmap) -> UInt64 {
  var sum: UInt64 = 0
  for iova in bitmap.dirtyPages { sum &+= iova }
  return sum
}

@inline(never)
func cScan(_ bitmap: DirtyBitmap) -> UInt64 {
  bitmap.words.withUnsafeBufferPointer { words in
    cdirty_sum_dirty_iovas(words.baseAddress, words.count, baseIOVA, pageSize)
  }
}

func seconds(_ duration: Duration) -> Double {
  let (s, attoseconds) = duration.components
  return Double(s) + Double(attoseconds) * 1e-18
}

enum ScanMetrics {
  static let swiftMBps = BenchmarkMetric.custom("Swift MB/s", polarity: .prefersLarger, useScalingFactor: false)
  static let cMBps = BenchmarkMetric.custom("C MB/s", polarity: .prefersLarger, useScalingFactor: false)
  static let ratio = BenchmarkMetric.custom("Swift/C x1000", polarity: .prefersLarger, useScalingFactor: false)
}

let benchmarks = {
  for (label, density) in [("0.1%", 0.001), ("1%", 0.01), ("50%", 0.5)] {
    // Built once per density; both scans read the same words in the same iteration.
    let bitmap = makeBitmap(density: density)
    Benchmark(
      "Scan 32 MiB dirty bitmap at \(label)",
      configuration: .init(
        metrics: [.wallClock, ScanMetrics.swiftMBps, ScanMetrics.cMBps, ScanMetrics.ratio],
        timeUnits: .milliseconds, warmupIterations: 2, maxDuration: .seconds(10), maxIterations: 30)
    ) { benchmark in
      let megabytes = Double(bitmap.byteCount) / 1e6
      let clock = ContinuousClock()
      var cSum: UInt64 = 0
      let cTime = clock.measure { cSum = cScan(bitmap) }
      var swiftSum: UInt64 = 0
      benchmark.startMeasurement()
      let swiftTime = clock.measure { swiftSum = swiftScan(bitmap) }
      benchmark.stopMeasurement()
      precondition(swiftSum == cSum, "Swift and C disagree on the dirty pages")
      blackHole(swiftSum)
      let swiftRate = megabytes / seconds(swiftTime)
      let cRate = megabytes / seconds(cTime)
      benchmark.measurement(ScanMetrics.swiftMBps, Int(swiftRate))
      benchmark.measurement(ScanMetrics.cMBps, Int(cRate))
      benchmark.measurement(ScanMetrics.ratio, Int(swiftRate / cRate * 1000))
    }
  }
}
