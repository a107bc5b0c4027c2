
/// 4 KiB random reads from namespace 1 on `threads` queue pairs, `depth` outstanding on each,
/// for a while: what `vfio-nvme bench` measures.
public struct NVMeBenchmark: Sendable {
  /// Reads completed.
  public let ios: Int
  /// Wall-clock seconds from the first submission to the last completion.
  public let seconds: Double
  /// Each read's time from submission to completion, in nanoseconds, sorted.
  public let latencies: [UInt64]

  /// Reads per second.
  public var iops: Double { seconds > 0 ? Double(ios) / seconds : 0 }
  /// The mean latency in microseconds.
  public var meanMicroseconds: Double { ios == 0 ? 0 : Double(latencies.reduce(0, +)) / Double(ios) / 1000 }
  /// The 99th percentile latency in microseconds.
  public var p99Microseconds: Double { ios == 0 ? 0 : Double(latencies[min(ios - 1, ios * 99 / 100)]) / 1000 }

  /// Runs the reads on `controller` for `seconds`, within the first `lbaRange` blocks (the
  /// namespace when nil); each thread drains its queue before it stops.
  public static func randomReads(
    on controller: NVMeController, depth: Int, threads: Int, completion: NVMeCompletionMode, seconds: Double,
    lbaRange: UInt64? = nil
  ) throws(NVMeError) -> NVMeBenchmark {
    let identity = controller.identity
    let perRead = max(1, 4096 / identity.blockSize)
    let range = min(lbaRange ?? identity.blockCount, identity.blockCount)
    guard range >= UInt64(perRead) else { throw .invalidArgument("an LBA range of \(range) holds no 4 KiB read") }
    let slots = range / UInt64(perRead)
    let results = Locked<[UInt64]>([])
    let start = monotonicNanoseconds()
    try NVMeThreads.run(threads) { (thread) throws(NVMeError) in
      var queue = try controller.makeQueuePair(depth: depth, completion: completion, maximumTransfer: 4096)
      var random = XorShift(seed: UInt64(thread) &+ 0x9E37_79B9_7F4A_7C15)
      var latencies: [UInt64] = []
      latencies.reserveCapacity(1 << 16)
      let end = monotonicNanoseconds() + UInt64(seconds * 1e9)
      while let slot = queue.takeSlot() {
        try queue.submit(.read(lba: random.next() % slots * UInt64(perRead), blocks: perRead), slot: slot)
      }
      while queue.freeSlots < queue.depth {
        latencies.append(try queue.complete().nanoseconds)
        // The completed command's slot is free again: take it for the next read.
        if monotonicNanoseconds() < end, let slot = queue.takeSlot() {
          try queue.submit(.read(lba: random.next() % slots * UInt64(perRead), blocks: perRead), slot: slot)
        }
      }
      try queue.close()
      results.withLock { $0.append(contentsOf: latencies) }
    }
    let elapsed = Double(monotonicNanoseconds() - start) / 1e9
    let latencies = results.withLock { $0 }.sorted()
    return NVMeBenchmark(ios: latencies.count, seconds: elapsed, latencies: latencies)
  }
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
