import Benchmark
import CBaselines
import SystemPackage
import VFIO

// One fixed-size ioctl through the package's API against the same ioctl issued
// directly from C, on a descriptor where the kernel answers at once: /dev/null
// fails VFIO_GET_API_VERSION with ENOTTY, so both sides measure the call path
// and not a driver. The error path is the interesting one for allocations: a
// typed throw of Errno must not box.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .instructions, .mallocCountTotal, .throughput],
    scalingFactor: .kilo,
    maxDuration: .seconds(2),
    maxIterations: 1_000_000
  )

  Benchmark("ioctl GET_API_VERSION via VFIO") { benchmark, null in
    let container = ContainerDescriptor(unsafeAssumingKind: null)
    var failures = 0
    for _ in benchmark.scaledIterations {
      do { blackHole(try container.ioctl(.getAPIVersion)) } catch { failures += 1 }
    }
    blackHole(failures)
  } setup: {
    try FileDescriptor.open("/dev/null", .readWrite)
  }

  Benchmark("ioctl GET_API_VERSION via C") { benchmark, null in
    blackHole(cbaseline_get_api_version(null.rawValue, benchmark.scaledIterations.count))
  } setup: {
    try FileDescriptor.open("/dev/null", .readWrite)
  }
}
