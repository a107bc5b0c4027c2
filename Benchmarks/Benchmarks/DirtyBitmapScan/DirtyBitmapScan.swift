import Benchmark
import DirtyScanWorkload

enum ScanMetrics {
  static let swiftMBps = BenchmarkMetric.custom("Swift MB/s (best of 5)", polarity: .prefersLarger, useScalingFactor: false)
  static let cMBps = BenchmarkMetric.custom("C MB/s (best of 5)", polarity: .prefersLarger, useScalingFactor: false)
  static let ratio = BenchmarkMetric.custom("Swift/C x1000", polarity: .prefersLarger, useScalingFactor: false)
}

let benchmarks: @Sendable () -> Void = {
  for (label, density) in densities {
    // Built once per density; Swift and C scan the same words in each iteration.
    let bitmap = makeBitmap(density: density)
    Benchmark(
      "Scan 32 MiB dirty bitmap at \(label)",
      configuration: .init(
        metrics: [.wallClock, ScanMetrics.swiftMBps, ScanMetrics.cMBps, ScanMetrics.ratio],
        timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 10)
    ) { benchmark in
      let comparison = compareScans(bitmap, rounds: 5)
      benchmark.measurement(ScanMetrics.swiftMBps, Int(comparison.swiftGBps * 1000))
      benchmark.measurement(ScanMetrics.cMBps, Int(comparison.cGBps * 1000))
      benchmark.measurement(ScanMetrics.ratio, Int(comparison.ratio * 1000))
    }
  }
}
