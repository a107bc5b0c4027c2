import VFIO

/// One I/O operation of a queue pair's pipeline.
public enum NVMeIO: Sendable, Hashable {
  /// Read `blocks` logical blocks at `lba` of namespace 1 into the slot's buffer.
  case read(lba: UInt64, blocks: Int)
  /// Write `blocks` logical blocks at `lba` of namespace 1 from the slot's buffer.
  case write(lba: UInt64, blocks: Int)
  /// Flush namespace 1's volatile write cache.
  case flush
}

/// An I/O submission queue and its completion queue, owned by one thread: made by
/// ``NVMeController/makeQueuePair(depth:completion:maximumTransfer:)``, deleted from the controller
/// by ``close()`` or when it goes out of scope.
///
/// It is non-copyable so that exactly one owner submits to its queue and reaps its completions,
/// which is what lets the I/O path run without a lock. It is `Sendable`: it may move to the thread
/// that uses it.
///
/// Each of its ``depth`` slots has a bounce buffer of ``maximumTransfer`` bytes and a PRP list
/// page in the controller's DMA pool; ``read(lba:blocks:into:)`` and ``write(lba:blocks:from:)``
/// split a transfer into commands of at most that size and keep up to ``depth`` outstanding.
public struct NVMeQueuePair: ~Copyable, Sendable {
  let controller: NVMeController
  var queue: NVMeQueue
  let event: VFIOEventFD?
  /// A bounce buffer of ``maximumTransfer`` bytes per slot.
  let data: DMABuffers
  /// A PRP list page per slot.
  let lists: DMABuffers
  /// The slots that hold no command, and when each outstanding one was submitted.
  var free: [Int]
  var submitted: [UInt64]
  var seenGeneration: UInt64
  var deleted = false
  /// The most commands outstanding at once.
  public let depth: Int
  /// The most bytes one command moves.
  public let maximumTransfer: Int
  /// Namespace 1's block size and block count, from the controller's identity.
  let blockSize: Int
  let blockCount: UInt64

  init(
    controller: NVMeController, queue: consuming NVMeQueue, event: VFIOEventFD?, depth: Int, transfer: Int,
    generation: UInt64
  ) throws(NVMeError) {
    let data = try vfio { () throws(VFIOError) in try controller.pool.allocate(count: depth, size: UInt64(transfer)) }
    let lists = try vfio { () throws(VFIOError) in try controller.pool.allocate(count: depth, size: 4096) }
    self.data = data
    self.lists = lists
    self.controller = controller
    self.queue = queue
    self.event = event
    self.depth = depth
    maximumTransfer = transfer
    blockSize = controller.identity.blockSize
    blockCount = controller.identity.blockCount
    free = Array((0..<depth).reversed())
    submitted = Array(repeating: 0, count: depth)
    seenGeneration = generation
  }

  deinit {
    if !deleted { try? controller.deleteQueues(queue.id) }
  }

  /// The queue id (1 and up).
  public var id: UInt16 { queue.id }
  /// Whether completions come by MSI-X.
  public var completion: NVMeCompletionMode { event == nil ? .polling : .interrupts }
  /// The slots with no command outstanding.
  public var freeSlots: Int { free.count }

  /// Deletes the queues from the controller now, reporting its answer.
  public consuming func close() throws(NVMeError) {
    deleted = true
    try controller.deleteQueues(queue.id)
  }

  /// Slot `slot`'s bounce buffer, valid while the queue pair lives: fill it before submitting a
  /// write, read it after a read completed.
  ///
  /// Unsafe by necessity: the bytes are DMA memory the controller writes while a read is
  /// outstanding, which no safe Swift type describes; the pointer must not outlive the queue pair
  /// and the slot's bytes must not be touched while its command is outstanding.
  ///
  /// - Throws: ``NVMeError/vfio(_:)`` for a slot outside 0..<``depth``.
  public func buffer(_ slot: Int) throws(NVMeError) -> UnsafeMutableRawBufferPointer {
    try vfio { () throws(VFIOError) in try data.withBuffer(at: slot) { $0.unsafeBytes } }
  }

  // MARK: - Pipeline

  /// A free slot, or nil when ``depth`` commands are outstanding.
  public mutating func takeSlot() -> Int? { free.popLast() }

  /// Submits `io` on `slot` (from ``takeSlot()``), its data in the slot's buffer.
  public mutating func submit(_ io: NVMeIO, slot: Int) throws(NVMeError) {
    guard slot >= 0, slot < depth else { throw .invalidArgument("slot \(slot) of \(depth)") }
    try catchUpWithResets(keeping: slot)
    var command: NVMeCommand
    switch io {
    case .flush:
      command = NVMeCommand(NVMeOpcode.flush, "Flush")
    case .read(let lba, let blocks), .write(let lba, let blocks):
      let isRead = if case .read = io { true } else { false }
      let bytes = blocks * blockSize
      guard blocks >= 1, blocks <= 0x10000, bytes <= maximumTransfer else {
        throw .invalidArgument("\(blocks) blocks in one command of at most \(maximumTransfer) bytes")
      }
      guard lba < blockCount, UInt64(blocks) <= blockCount - lba else {
        throw .invalidArgument("blocks \(lba)..<\(lba + UInt64(blocks)) past the namespace's \(blockCount)")
      }
      command = NVMeCommand(isRead ? NVMeOpcode.read : NVMeOpcode.write, "\(isRead ? "Read" : "Write") LBA \(lba) + \(blocks)")
      try addPRPs(&command, slot: slot, bytes: bytes)
      command.dwords.0 = UInt32(truncatingIfNeeded: lba)
      command.dwords.1 = UInt32(truncatingIfNeeded: lba >> 32)
      command.dwords.2 = UInt32(blocks - 1)
    }
    command.namespace = 1
    submitted[slot] = monotonicNanoseconds()
    try queue.submit(command, id: UInt16(slot), registers: controller.registers)
  }

  /// PRP1 at the slot's buffer; PRP2 its second page, or a PRP list of every page after the first.
  private func addPRPs(_ command: inout NVMeCommand, slot: Int, bytes: Int) throws(NVMeError) {
    let pages = (bytes + 4095) / 4096
    let first = try vfio { () throws(VFIOError) in try data.iova(at: slot) }
    command.prp1 = first
    if pages == 2 {
      command.prp2 = first + 4096
    } else if pages > 2 {
      command.prp2 = try vfio { () throws(VFIOError) in
        try lists.withBuffer(at: slot) { list throws(VFIOError) in
          for page in 1..<pages { try list.store(first + UInt64(page) * 4096, at: 8 * (page - 1)) }
          return list.iova
        }
      }
    }
  }

  /// Waits for the next completion, frees its slot and returns it with the time since it was
  /// submitted, in nanoseconds.
  ///
  /// - Throws: the typed error of a failed status (the slot is free again); a timeout, a fatal
  ///   controller or a broken completion after the controller was reset (every slot free again).
  public mutating func complete() throws(NVMeError) -> (slot: Int, nanoseconds: UInt64) {
    try catchUpWithResets()
    guard free.count < depth else { throw .invalidArgument("no command outstanding on queue \(queue.id)") }
    // The bound is on the queue going silent: while other commands complete, a stuck one is
    // caught when the rest are done (a pipeline drains before it ends).
    let deadline = monotonicNanoseconds() + UInt64(controller.options.commandTimeoutMilliseconds) * 1_000_000
    var spins = 0
    var nextCheck = monotonicNanoseconds() + Self.statusInterval
    while true {
      let completion: (NVMeCompletion, String)?
      do { completion = try queue.nextCompletion(registers: controller.registers) } catch {
        try recover(from: error)
      }
      if let (entry, name) = completion {
        let slot = Int(entry.commandID)
        free.append(slot)
        if let error = NVMeError.status(entry.status, command: name) { throw error }
        return (slot, monotonicNanoseconds() &- submitted[slot])
      }
      if let event {
        let left = Int64(deadline) - Int64(monotonicNanoseconds())
        _ = try vfio { () throws(VFIOError) in try event.wait(milliseconds: Int32(clamping: max(0, min(left / 1_000_000 + 1, 10)))) }
      } else {
        spins += 1
        guard spins % 256 == 0 else { continue }
      }
      if controller.generation.load(ordering: .acquiring) != seenGeneration { try catchUpWithResets() }
      // CSTS is a register read (an exit to the hypervisor in a VM): once a millisecond at most.
      let now = monotonicNanoseconds()
      guard now >= nextCheck || now > deadline else { continue }
      nextCheck = now + Self.statusInterval
      if let failure = try controller.deadFailure(command: queue.outstanding.compactMap { $0 }.first ?? "I/O", deadline: deadline) {
        try recover(from: failure)
      }
    }
  }

  /// How often a waiting thread reads CSTS for a fatal controller.
  static var statusInterval: UInt64 { 1_000_000 }

  /// Resets the controller after `error` on this queue and throws it.
  private mutating func recover(from error: NVMeError) throws(NVMeError) -> Never {
    let recovered = (try? controller.reset()) != nil
    restart()
    if case .timeout(let command, let milliseconds, _) = error {
      throw .timeout(command: command, milliseconds: milliseconds, recovered: recovered)
    }
    throw error
  }

  /// After a reset another thread made: the queues were re-created empty, so this side starts
  /// over, and a command that was outstanding is lost. Slot `taken`, which the caller holds, stays
  /// taken: freed here, a transfer would count its command done before it was.
  private mutating func catchUpWithResets(keeping taken: Int? = nil) throws(NVMeError) {
    guard controller.generation.load(ordering: .acquiring) != seenGeneration else { return }
    let lost = queue.outstanding.compactMap { $0 }.first
    restart()
    if let taken { free.removeAll { $0 == taken } }
    if let lost { throw .lostToReset(command: lost) }
  }

  private mutating func restart() {
    seenGeneration = controller.generation.load(ordering: .acquiring)
    queue.restart()
    free = Array((0..<depth).reversed())
  }

  // MARK: - Whole transfers

  /// Reads `blocks` blocks at `lba` into `buffer` (at least `blocks` × block size bytes).
  ///
  /// The buffers are raw pointers (copied with `copyMemory`, the one unsafe call of the I/O path)
  /// so that a caller's file buffer, array or mapped memory all fit without another copy; the sizes
  /// are checked before any byte moves.
  public mutating func read(lba: UInt64, blocks: Int, into buffer: UnsafeMutableRawBufferPointer) throws(NVMeError) {
    try transfer(lba: lba, blocks: blocks, count: buffer.count, isRead: true) { slot, offset, bytes in
      buffer.baseAddress!.advanced(by: offset).copyMemory(from: slot.baseAddress!, byteCount: bytes)
    }
  }

  /// Writes `blocks` blocks at `lba` from `buffer` (at least `blocks` × block size bytes).
  public mutating func write(lba: UInt64, blocks: Int, from buffer: UnsafeRawBufferPointer) throws(NVMeError) {
    try transfer(lba: lba, blocks: blocks, count: buffer.count, isRead: false) { slot, offset, bytes in
      slot.baseAddress!.copyMemory(from: buffer.baseAddress!.advanced(by: offset), byteCount: bytes)
    }
  }

  /// Flushes the namespace's volatile write cache.
  public mutating func flush() throws(NVMeError) {
    guard let slot = takeSlot() else { throw .invalidArgument("no free slot for a flush") }
    do { try submit(.flush, slot: slot) } catch {
      free.append(slot)
      throw error
    }
    _ = try complete()
  }

  /// Splits a transfer into commands of at most ``maximumTransfer`` bytes, up to ``depth`` at once;
  /// `copy` moves a command's bytes between the caller's buffer and the slot (before a write,
  /// after a read).
  private mutating func transfer(
    lba: UInt64, blocks: Int, count: Int, isRead: Bool, copy: (UnsafeMutableRawBufferPointer, Int, Int) -> Void
  ) throws(NVMeError) {
    let blockSize = controller.identity.blockSize
    guard blocks >= 0, blocks <= Int.max / blockSize, count >= blocks * blockSize else {
      throw .invalidArgument("\(blocks) blocks of \(blockSize) bytes in a buffer of \(count)")
    }
    let perCommand = maximumTransfer / blockSize
    var next = 0
    var offsets = Array(repeating: 0, count: depth)
    var lengths = Array(repeating: 0, count: depth)
    var failure: NVMeError?
    while next < blocks || free.count < depth {
      while failure == nil, next < blocks, let slot = takeSlot() {
        let chunk = min(perCommand, blocks - next)
        offsets[slot] = next * blockSize
        lengths[slot] = chunk * blockSize
        if !isRead { copy(try buffer(slot), offsets[slot], lengths[slot]) }
        let start = lba + UInt64(next)
        let io: NVMeIO = isRead ? .read(lba: start, blocks: chunk) : .write(lba: start, blocks: chunk)
        do { try submit(io, slot: slot) } catch {
          free.append(slot)
          throw error
        }
        next += chunk
      }
      if free.count == depth { break }
      do {
        let (slot, _) = try complete()
        if isRead { copy(try buffer(slot), offsets[slot], lengths[slot]) }
      } catch {
        // Keep reaping what is outstanding before reporting the first failure.
        if failure == nil { failure = error }
      }
    }
    if let failure { throw failure }
  }
}
