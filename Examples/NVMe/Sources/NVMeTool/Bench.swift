import ArgumentParser
import Synchronization
import VFIONVMe

#if canImport(Glibc)
import Glibc
#endif

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "4 KiB random reads from namespace 1; prints one line of IOPS, latency and CPU time per I/O.")
  @OptionGroup var device: DeviceArgument
  @Option(help: "Reads outstanding per thread.") var qd = 1
  @Option(help: "Threads, each with its own queue pair.") var threads = 1
  @Option(help: "poll or irq.") var mode: Mode = .poll
  @Option(help: "How long to run.") var seconds = 5.0
  @Option(name: .customLong("lba-range"), help: "Read within the first N logical blocks (default: the namespace).")
  var lbaRange: UInt64?

  enum Mode: String, ExpressibleByArgument, Sendable { case poll, irq }

  func validate() throws {
    guard qd >= 1, qd <= 1024 else { throw ValidationError("--qd must be 1 to 1024") }
    guard threads >= 1, threads <= 256 else { throw ValidationError("--threads must be 1 to 256") }
    guard seconds > 0, seconds <= 3600 else { throw ValidationError("--seconds must be above 0, at most 3600") }
  }

  func run() throws {
    try reportingErrors { () throws(NVMeError) in
      let controller = try device.open()
      let identity = controller.identity
      let perRead = max(1, 4096 / identity.blockSize)
      let range = min(lbaRange ?? identity.blockCount, identity.blockCount)
      guard range >= UInt64(perRead) else { throw .invalidArgument("--lba-range \(range) holds no 4 KiB read") }
      let slots = range / UInt64(perRead)
      let results = Mutex<[UInt64]>([])
      let (qd, mode, seconds) = (qd, mode, seconds)
      let cpuBefore = cpuMicroseconds()
      let start = monotonicNanoseconds()
      try onThreads(threads) { (thread) throws(NVMeError) in
        var queue = try controller.makeQueuePair(
          depth: qd, completion: mode == .irq ? .interrupts : .polling, maximumTransfer: 4096)
        var random = XorShift(seed: UInt64(thread) &+ 0x9E37_79B9_7F4A_7C15)
        var latencies: [UInt64] = []
        latencies.reserveCapacity(1 << 20)
        let end = monotonicNanoseconds() + UInt64(seconds * 1e9)
        func next() -> NVMeIO { .read(lba: random.next() % slots * UInt64(perRead), blocks: perRead) }
        while let slot = queue.takeSlot() { try queue.submit(next(), slot: slot) }
        while true {
          let (slot, nanoseconds) = try queue.complete()
          latencies.append(nanoseconds)
          if monotonicNanoseconds() < end {
            try queue.submit(next(), slot: slot)
          } else if queue.freeSlots == queue.depth {
            break
          }
        }
        try queue.close()
        results.withLock { $0.append(contentsOf: latencies) }
      }
      let elapsed = Double(monotonicNanoseconds() - start) / 1e9
      let cpu = cpuMicroseconds() - cpuBefore
      var latencies = results.withLock { $0 }
      latencies.sort()
      let ios = latencies.count
      guard ios > 0 else { throw .invalidArgument("no read completed") }
      let mean = Double(latencies.reduce(0, +)) / Double(ios) / 1000
      let p99 = Double(latencies[min(ios - 1, ios * 99 / 100)]) / 1000
      print(
        "bench mode=\(mode.rawValue) qd=\(qd) threads=\(threads) ios=\(ios) iops=\(Int(Double(ios) / elapsed)) "
          + "mean_us=\(oneDecimal(mean)) p99_us=\(oneDecimal(p99)) cpu_us_per_io=\(oneDecimal(cpu / Double(ios)))")
    }
  }
}

/// `value` with one decimal, as the bench line prints it.
func oneDecimal(_ value: Double) -> String {
  let tenths = Int((value * 10).rounded())
  return "\(tenths / 10).\(tenths % 10)"
}

/// User plus system CPU time of the process so far (getrusage), in microseconds.
func cpuMicroseconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let user = Double(usage.ru_utime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec)
  return user + Double(usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_stime.tv_usec)
}

func monotonicNanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// A cheap random sequence (xorshift64*): the system generator costs a system call per number,
/// which would count in the CPU time per I/O.
struct XorShift {
  var state: UInt64
  init(seed: UInt64) { state = seed | 1 }
  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 0x2545_F491_4F6C_DD1D
  }
}
