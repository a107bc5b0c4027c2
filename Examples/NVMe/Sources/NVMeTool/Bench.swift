import ArgumentParser
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
      let cpuBefore = cpuMicroseconds()
      let result = try NVMeBenchmark.randomReads(
        on: controller, depth: qd, threads: threads, completion: mode == .irq ? .interrupts : .polling, seconds: seconds,
        lbaRange: lbaRange)
      let cpu = cpuMicroseconds() - cpuBefore
      guard result.ios > 0 else { throw .invalidArgument("no read completed") }
      print(
        "bench mode=\(mode.rawValue) qd=\(qd) threads=\(threads) ios=\(result.ios) iops=\(Int(result.iops)) "
          + "mean_us=\(oneDecimal(result.meanMicroseconds)) p99_us=\(oneDecimal(result.p99Microseconds)) "
          + "cpu_us_per_io=\(oneDecimal(cpu / Double(result.ios)))")
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
