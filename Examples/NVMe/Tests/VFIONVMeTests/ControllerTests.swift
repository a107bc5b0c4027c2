import Foundation
import Testing
import VFIO
import VFIONVMe

/// The driver against the emulated controller: bring-up, identify, I/O with PRP lists from two
/// threads, flush, polled and interrupt completions, status codes, and a lying controller.
@Suite("NVMe driver on an emulated controller")
struct ControllerTests {
  /// Bytes that differ per block and per run.
  static func pattern(_ blocks: Int, seed: UInt8) -> [UInt8] {
    (0..<blocks * EmulatedNVMe.blockSize).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9 &+ Int(seed)) }
  }

  @Test("bring-up: bus master and memory space on, CC with 64/16-byte entries and 4 KiB pages, identify decoded")
  func bringUp() throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller()
    let identity = controller.identity
    #expect(emulator.pciCommand & 0x6 == 0x6)
    #expect(emulator.configuration == (6 << 16 | 4 << 20 | 1))
    #expect(identity.model == EmulatedNVMe.model && identity.serial == EmulatedNVMe.serial && identity.firmware == "1.0")
    #expect(identity.blockCount == UInt64(EmulatedNVMe.blockCount) && identity.blockSize == EmulatedNVMe.blockSize)
    #expect(identity.ioQueuePairs == EmulatedNVMe.queueLimit)
    #expect(identity.maximumTransfer == 32 * 4096)
    #expect(emulator.opcodes == ["set features 7", "identify 1", "identify 0"])
  }

  @Test("queue pairs are created on demand and deleted on close; more than the controller granted is refused")
  func queueLifecycle() throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller()
    var pairs: [Int] = []
    for _ in 0..<EmulatedNVMe.queueLimit {
      let pair = try controller.makeQueuePair(depth: 2)
      pairs.append(Int(pair.id))
      _ = consume pair
    }
    #expect(pairs == Array(repeating: 1, count: EmulatedNVMe.queueLimit))
    let first = try controller.makeQueuePair(depth: 2)
    let second = try controller.makeQueuePair(depth: 2)
    #expect(first.id == 1 && second.id == 2)
    try second.close()
    _ = consume first
    let created = emulator.opcodes.filter { $0.hasPrefix("create") }
    let deleted = emulator.opcodes.filter { $0.hasPrefix("delete") }
    #expect(created.count == 2 * (EmulatedNVMe.queueLimit + 2) && deleted.count == created.count)
    #expect(emulator.opcodes.suffix(4) == ["delete sq 2", "delete cq 2", "delete sq 1", "delete cq 1"])
    let refused = try #require(throws: NVMeError.self) {
      var all: [UInt16] = []
      var owners: [Box] = []
      for _ in 0...EmulatedNVMe.queueLimit {
        let box = Box(try controller.makeQueuePair(depth: 1))
        all.append(box.id)
        owners.append(box)
      }
    }
    guard case .invalidArgument = refused else { Issue.record("\(refused)"); return }
  }

  @Test(
    "write then read from two threads, PRP lists of 3 pages and more, bytes intact, flush reaches the controller",
    arguments: [NVMeCompletionMode.polling, .interrupts])
  func integrity(_ mode: NVMeCompletionMode) throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller()
    // 300 blocks: 150 KiB, two commands each (128 KiB with a 31-entry PRP list, then 22 KiB).
    let blocks = 300
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: 2) { thread in
      do {
        var queue = try controller.makeQueuePair(depth: 4, completion: mode)
        let data = Self.pattern(blocks, seed: UInt8(thread + 1))
        let lba = UInt64(thread * 1000 + 3)
        try data.withUnsafeBytes { bytes in try queue.write(lba: lba, blocks: blocks, from: bytes) }
        try queue.flush()
        var back = [UInt8](repeating: 0, count: data.count)
        try back.withUnsafeMutableBytes { bytes in try queue.read(lba: lba, blocks: blocks, into: bytes) }
        if back != data { failures.add("thread \(thread): read back differs") }
        let stored = emulator.storage(Int(lba) * 512..<(Int(lba) + blocks) * 512)
        if stored != data { failures.add("thread \(thread): the controller holds other bytes") }
        try queue.close()
      } catch {
        failures.add("thread \(thread): \(error)")
      }
    }
    #expect(failures.list.isEmpty, "\(failures.list)")
    #expect(emulator.opcodes.filter { $0 == "flush" }.count == 2)
    #expect(emulator.opcodes.filter { $0.hasPrefix("write") }.count == 4)
    #expect(emulator.opcodes.contains("write 3+256") && emulator.opcodes.contains("read 1259+44"))
    let interrupts = emulator.interrupts[1] + emulator.interrupts[2]
    if mode == .interrupts {
      #expect(interrupts >= 8, "vectors 1 and 2 raised \(interrupts) interrupts")
    } else {
      #expect(interrupts == 0)
    }
  }

  @Test(
    "a failed status becomes the typed error of its type; the queue goes on",
    arguments: [(UInt8(0), UInt8(0x80)), (1, 0x02), (2, 0x81), (3, 0x00)])
  func statusCodes(type: UInt8, code: UInt8) throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller()
    var queue = try controller.makeQueuePair(depth: 2)
    var block = [UInt8](repeating: 0, count: 512)
    emulator.lie = .status(type, code)
    let error = try #require(throws: NVMeError.self) {
      try block.withUnsafeMutableBytes { bytes in try queue.read(lba: 7, blocks: 1, into: bytes) }
    }
    let status: NVMeStatus? =
      switch (type, error) {
      case (0, .generic(let status, _)), (1, .commandSpecific(let status, _)), (2, .media(let status, _)),
        (3, .otherStatus(let status, _)):
        status
      default: nil
      }
    #expect(status?.codeType == type && status?.code == code, "\(error)")
    #expect("\(error)".hasPrefix("Read LBA 7 + 1: SCT \(type)"))
    try block.withUnsafeMutableBytes { bytes in try queue.read(lba: 7, blocks: 1, into: bytes) }
  }

  @Test("the driver refuses LBAs past the namespace and buffers too small before the controller sees them")
  func badArguments() throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller()
    var queue = try controller.makeQueuePair(depth: 2)
    var block = [UInt8](repeating: 0, count: 512)
    let past = try #require(throws: NVMeError.self) {
      try block.withUnsafeMutableBytes { bytes in
        try queue.read(lba: UInt64(EmulatedNVMe.blockCount), blocks: 1, into: bytes)
      }
    }
    let small = try #require(throws: NVMeError.self) {
      try block.withUnsafeMutableBytes { bytes in try queue.read(lba: 0, blocks: 2, into: bytes) }
    }
    guard case .invalidArgument = past, case .invalidArgument = small else { Issue.record("\(past), \(small)"); return }
    #expect(!emulator.opcodes.contains { $0.hasPrefix("read") })
  }

  @Test(
    "a lying controller ends in a typed error within a bound, the controller reset and usable again",
    arguments: [EmulatedNVMe.Lie.wrongQueue, .headOutOfRange, .unknownCommandID, .phaseNeverFlips, .fatal])
  func lies(_ lie: EmulatedNVMe.Lie) throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller(timeout: 300)
    var queue = try controller.makeQueuePair(depth: 2)
    var block = [UInt8](repeating: 0, count: 512)
    emulator.lie = lie
    let start = Date()
    let error = try #require(throws: NVMeError.self) {
      try block.withUnsafeMutableBytes { bytes in try queue.read(lba: 1, blocks: 1, into: bytes) }
    }
    let elapsed = Date().timeIntervalSince(start)
    let matches =
      switch (lie, error) {
      case (.wrongQueue, .wrongSubmissionQueue(let queue, let expected)): queue == 0x78 && expected == 1
      case (.headOutOfRange, .submissionHeadOutOfRange(let head, _, let entries)): head == 0xFFF0 && entries == 3
      case (.unknownCommandID, .unknownCommandID(let id, let queue)): id >= 0x5500 && queue == 1
      case (.phaseNeverFlips, .timeout(_, let milliseconds, let recovered)): milliseconds == 300 && recovered
      case (.fatal, .controllerFatal): true
      default: false
      }
    #expect(matches, "\(lie): \(error)")
    #expect(elapsed < 3, "\(elapsed) s")
    // The reset re-created the queue pair's queues: it works again.
    #expect(emulator.opcodes.filter { $0 == "create sq 1" }.count == 2)
    try block.withUnsafeMutableBytes { bytes in try queue.read(lba: 1, blocks: 1, into: bytes) }
  }

  @Test("CSTS.RDY never set: bring-up ends in a typed error within CAP.TO")
  func neverReady() throws {
    let emulator = EmulatedNVMe(lie: .neverReady)
    defer { emulator.stop() }
    let start = Date()
    let error = try #require(throws: NVMeError.self) { _ = try emulator.controller() }
    guard case .readyTimeout(ready: true, milliseconds: 500) = error else { Issue.record("\(error)"); return }
    #expect(Date().timeIntervalSince(start) < 2)
  }

  @Test("another thread's reset ends this queue's outstanding command as lost, then the queue works")
  func lostToReset() throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller(timeout: 500)
    var queue = try controller.makeQueuePair(depth: 2)
    emulator.lie = .phaseNeverFlips
    let taken = queue.takeSlot()
    let slot = try #require(taken)
    try queue.submit(.read(lba: 2, blocks: 1), slot: slot)
    // The reset comes after the controller took the read (and swallowed its completion).
    let deadline = Date().addingTimeInterval(2)
    while !emulator.opcodes.contains("read 2+1") && Date() < deadline { usleep(100) }
    try controller.reset()
    let error = try #require(throws: NVMeError.self) { _ = try queue.complete() }
    guard case .lostToReset(let command) = error else { Issue.record("\(error)"); return }
    #expect(command == "Read LBA 2 + 1")
    try queue.flush()
  }
}

/// A queue pair in a class, to hold several at once.
final class Box {
  let pair: NVMeQueuePair
  var id: UInt16 { pair.id }
  init(_ pair: consuming NVMeQueuePair) { self.pair = pair }
}

/// Failures reported by threads.
final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  func add(_ item: String) { lock.withLock { items.append(item) } }
  var list: [String] { lock.withLock { items } }
}

@Suite("NVMe benchmark on an emulated controller")
struct BenchmarkTests {
  @Test(
    "random 4 KiB reads from two threads keep their queues full and drain them: every read counted, timed and aligned",
    arguments: [NVMeCompletionMode.polling, .interrupts])
  func randomReads(_ mode: NVMeCompletionMode) throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller()
    let result = try NVMeBenchmark.randomReads(
      on: controller, depth: 4, threads: 2, completion: mode, seconds: 0.3, lbaRange: 64)
    let reads = emulator.opcodes.filter { $0.hasPrefix("read") }
    #expect(result.ios > 8 && result.ios == reads.count, "\(result.ios) completed, \(reads.count) read")
    #expect(reads.allSatisfy { $0.hasSuffix("+8") && Int($0.dropFirst(5).prefix { $0 != "+" })! % 8 == 0 })
    #expect(reads.allSatisfy { Int($0.dropFirst(5).prefix { $0 != "+" })! < 64 })
    #expect(result.latencies.count == result.ios && result.latencies == result.latencies.sorted())
    #expect(result.seconds >= 0.3 && result.seconds < 5 && result.iops > 0 && result.p99Microseconds >= Double(result.latencies[0]) / 1000)
    #expect(emulator.opcodes.filter { $0.hasPrefix("delete") }.count == 4)
  }
}
