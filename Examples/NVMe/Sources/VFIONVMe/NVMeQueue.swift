import Synchronization
import VFIO

/// One completion queue entry (NVMe 1.4 § 4.6), checked against the queue it arrived on.
struct NVMeCompletion: Sendable {
  /// Command specific dword 0 (e.g. the queues Set Features allocated).
  let result: UInt32
  let commandID: UInt16
  let status: NVMeStatus
}

/// A submission queue and its completion queue in DMA buffers, with the driver's view of
/// them: tail, head, phase tag and which command ids are outstanding.
///
/// Not shared: the admin queue lives behind the controller's lock, each I/O queue in one
/// ``NVMeQueuePair``. Every value the controller writes into the completion queue is checked
/// before it changes this state.
struct NVMeQueue: ~Copyable {
  let id: UInt16
  let entries: Int
  let submissions: DMABuffer
  let completions: DMABuffer
  let submissionDoorbell: UInt64
  let completionDoorbell: UInt64
  private(set) var tail = 0
  private(set) var head = 0
  private(set) var phase: UInt32 = 1
  /// The command each outstanding id stands for; nil when the id is free.
  private(set) var outstanding: [String?]

  /// A queue of `entries` entries whose command ids are 0..<`commandIDs`.
  init(id: UInt16, entries: Int, commandIDs: Int, pool: DMABufferPool, stride: UInt64) throws(NVMeError) {
    let submissions = try vfio { () throws(VFIOError) in try pool.allocate(size: UInt64(entries) * 64) }
    let completions = try vfio { () throws(VFIOError) in try pool.allocate(size: UInt64(entries) * 16) }
    self.id = id
    self.entries = entries
    self.submissions = submissions
    self.completions = completions
    submissionDoorbell = NVMeRegister.doorbells + UInt64(2 * id) * stride
    completionDoorbell = NVMeRegister.doorbells + UInt64(2 * id + 1) * stride
    outstanding = Array(repeating: nil, count: commandIDs)
  }

  /// Forgets every command and clears the completion queue, as a controller that was just
  /// (re)created expects: phase 1, both indexes 0.
  mutating func restart() {
    tail = 0
    head = 0
    phase = 1
    for index in outstanding.indices { outstanding[index] = nil }
    // Unsafe by necessity: the controller writes this memory, which a span's exclusive access
    // cannot describe; no command is outstanding while the queue restarts.
    completions.unsafeBytes.initializeMemory(as: UInt8.self, repeating: 0)
  }

  var isIdle: Bool { !outstanding.contains { $0 != nil } }

  /// Writes `command` at the tail with id `commandID` and rings the doorbell.
  mutating func submit(_ command: NVMeCommand, id commandID: UInt16, registers: borrowing VFIORegionMapping) throws(NVMeError) {
    guard Int(commandID) < outstanding.count, outstanding[Int(commandID)] == nil else {
      throw .invalidArgument("command id \(commandID) is in use or out of range on queue \(id)")
    }
    let base = tail * 64
    let d = command.dwords
    try vfio { () throws(VFIOError) in
      try submissions.store(UInt32(command.opcode) | UInt32(commandID) << 16, at: base)
      try submissions.store(command.namespace, at: base + 4)
      try submissions.store(UInt64(0), at: base + 8)
      try submissions.store(UInt64(0), at: base + 16)
      try submissions.store(command.prp1, at: base + 24)
      try submissions.store(command.prp2, at: base + 32)
      try submissions.store(d.0, at: base + 40)
      try submissions.store(d.1, at: base + 44)
      try submissions.store(d.2, at: base + 48)
      try submissions.store(d.3, at: base + 52)
      try submissions.store(d.4, at: base + 56)
      try submissions.store(d.5, at: base + 60)
    }
    outstanding[Int(commandID)] = command.name
    tail = (tail + 1) % entries
    // The entry must be in memory before the controller learns of it.
    atomicMemoryFence(ordering: .releasing)
    try vfio { () throws(VFIOError) in try registers.store(UInt32(tail), at: submissionDoorbell) }
  }

  /// The next completion if the controller posted one (its phase tag flipped), checked and
  /// consumed, its id freed; nil otherwise.
  ///
  /// - Throws: the protocol violations of ``NVMeError``: an unknown command id, an SQ head past
  ///   the queue, another queue's id. The entry is consumed; the caller resets the controller.
  mutating func nextCompletion(registers: borrowing VFIORegionMapping) throws(NVMeError) -> (NVMeCompletion, String)? {
    let base = head * 16
    let status = try vfio { () throws(VFIOError) in try completions.load(UInt32.self, at: base + 12) }
    guard (status >> 16) & 1 == phase else { return nil }
    // The rest of the entry is read after its phase tag.
    atomicMemoryFence(ordering: .acquiring)
    let result = try vfio { () throws(VFIOError) in try completions.load(UInt32.self, at: base) }
    let position = try vfio { () throws(VFIOError) in try completions.load(UInt32.self, at: base + 8) }
    head += 1
    if head == entries {
      head = 0
      phase ^= 1
    }
    try vfio { () throws(VFIOError) in try registers.store(UInt32(head), at: completionDoorbell) }
    let commandID = UInt16(truncatingIfNeeded: status)
    let submissionHead = UInt16(truncatingIfNeeded: position)
    let queue = UInt16(truncatingIfNeeded: position >> 16)
    guard queue == id else { throw .wrongSubmissionQueue(queue, expected: id) }
    guard Int(submissionHead) < entries else { throw .submissionHeadOutOfRange(submissionHead, queue: id, entries: entries) }
    guard Int(commandID) < outstanding.count, let name = outstanding[Int(commandID)] else {
      throw .unknownCommandID(commandID, queue: id)
    }
    outstanding[Int(commandID)] = nil
    return (NVMeCompletion(result: result, commandID: commandID, status: NVMeStatus(rawValue: UInt16(status >> 17))), name)
  }
}
