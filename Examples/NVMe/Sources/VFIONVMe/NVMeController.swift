import Synchronization
import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

/// An NVMe controller driven from user space through VFIO (NVMe 1.4 base specification):
/// brought up from reset with its admin queue, identified, and handing out I/O queue pairs.
///
/// ## Threads
///
/// One controller is shared by every thread (it is `Sendable`); each thread that does I/O asks
/// it for its own ``NVMeQueuePair`` (``makeQueuePair(depth:completion:maximumTransfer:)``), a
/// non-copyable value with its own submission and completion queue, doorbells, DMA buffers and,
/// with ``NVMeCompletionMode/interrupts``, its own MSI-X vector and eventfd. The I/O path takes no
/// lock: a queue pair is used by one thread at a time, and NVMe queues are independent by design.
/// Admin commands (creating and deleting queues, resets) take turns on the controller's lock.
///
/// ## Failures
///
/// Every wait is bounded (``Options/commandTimeoutMilliseconds`` for a command, CAP.TO for
/// CSTS.RDY) and every completion entry is checked. A command that times out, or a completion that
/// breaks the protocol, resets the controller (disable, enable, admin queue and every I/O queue
/// re-created) and ends in an ``NVMeError``; commands other threads had outstanding end in
/// ``NVMeError/lostToReset(command:)``.
public final class NVMeController: Sendable {
  /// The knobs of a controller.
  public struct Options: Sendable {
    /// How long a command may take before the controller is reset.
    public var commandTimeoutMilliseconds = 5_000
    /// The DMA memory for queues, PRP lists and bounce buffers, mapped once.
    public var poolBytes: UInt64 = 64 << 20
    /// Where the device sees that memory.
    public var poolIOVA: UInt64 = 0x1000_0000
    /// The I/O queue pairs asked of the controller (Set Features, Number of Queues).
    public var requestedQueuePairs = 16
    /// Admin queue entries.
    public var adminEntries = 16

    /// The defaults.
    public init() {}
  }

  let device: VFIODevice
  let registers: VFIORegionMapping
  /// Kept open, so the device's DMA mappings live as long as the controller.
  let space: DMASpace
  let pool: DMABufferPool
  let capabilities: NVMeCapabilities
  /// The options the controller was opened with.
  public let options: Options
  let admin: Locked<AdminState>
  /// Bumped by every reset: queue pairs compare it to learn that their queues were re-created.
  let generation = Atomic<UInt64>(0)
  private let identified: Locked<NVMeIdentity?>

  /// What the controller and namespace 1 reported at bring-up.
  public var identity: NVMeIdentity {
    // Set before init returns; the fallback is never seen.
    identified.withLock { $0 } ?? NVMeIdentity.none
  }

  /// Opens the controller at `location`, a PCI address (`0000:01:00.0`, through a type1 container)
  /// or a device cdev path (`/dev/vfio/devices/vfio0`, through an iommufd IOAS), and brings it up.
  public convenience init(opening location: String, options: Options = Options()) throws(NVMeError) {
    let cdev = location.hasPrefix("/dev/vfio/devices/")
    guard let place = cdev ? .cdev(FilePath(location)) : PCIAddress(location).map(VFIODeviceLocation.pci) else {
      throw .invalidArgument("\(location) is neither a PCI address nor a /dev/vfio/devices/ path")
    }
    let space = try vfio { () throws(VFIOError) -> DMASpace in
      cdev ? .ioas(try IOMMUFD().makeIOAS()) : .container(try VFIOContainer(for: place))
    }
    let device = try vfio { () throws(VFIOError) in try space.openDevice(place) }
    try self.init(device: device, space: space, options: options)
  }

  /// Brings up the controller of an open `device` whose DMA goes through `space`: bus master and
  /// memory space on, BAR0 mapped, the controller disabled, its admin queue set, enabled,
  /// identified and its I/O queues counted.
  public init(device: consuming VFIODevice, space: consuming DMASpace, options: Options = Options()) throws(NVMeError) {
    let registers = try Self.mapRegisters(device)
    let pool = try vfio { () throws(VFIOError) in
      DMABufferPool(try space.map(try GuestMemory(size: options.poolBytes), iova: options.poolIOVA))
    }
    let capabilities = NVMeCapabilities(rawValue: try vfio { () throws(VFIOError) in try registers.load(UInt64.self, at: 0) })
    guard capabilities.supportsNVM else { throw .unsupported("CAP.CSS lacks the NVM command set") }
    // MPS 0 (4 KiB) must be allowed, and the pool's pages must be that size for PRPs to work.
    guard capabilities.minimumPageSize == 4096, pool.pageSize == 4096 else {
      throw .unsupported("page size \(pool.pageSize), controller minimum \(capabilities.minimumPageSize)")
    }
    let entries = min(max(options.adminEntries, 2), capabilities.maximumQueueEntries, 4096)
    let queue = try NVMeQueue(
      id: 0, entries: entries, commandIDs: entries - 1, pool: pool, stride: capabilities.doorbellStride)
    admin = Locked(AdminState(queue: queue))
    identified = Locked(nil)
    self.options = options
    self.registers = registers
    self.pool = pool
    self.capabilities = capabilities
    self.device = device
    self.space = space
    let identity = try admin.withLock { (state) throws(NVMeError) -> NVMeIdentity in
      try enable(&state)
      return try identify(&state)
    }
    identified.withLock { $0 = identity }
  }

  /// Bus master and memory space on, then BAR0 mapped.
  private static func mapRegisters(_ device: borrowing VFIODevice) throws(NVMeError) -> VFIORegionMapping {
    do throws(VFIOError) {
      try device.setPCICommand(device.pciCommand().union([.memorySpace, .busMaster]))
      return try device.map(region: device.regionInfo(.pciBAR0))
    } catch {
      throw .vfio(error)
    }
  }

  deinit {
    // Best effort: a controller left enabled keeps DMA-ing into memory about to be freed.
    _ = try? registers.store(UInt32(0), at: NVMeRegister.configuration)
    _ = try? waitReady(false)
  }

  /// Resets the controller now (CC.EN 0 then 1) and re-creates every I/O queue; outstanding
  /// commands end in ``NVMeError/lostToReset(command:)``.
  public func reset() throws(NVMeError) {
    try admin.withLock { (state) throws(NVMeError) in try resetLocked(&state) }
  }

  // MARK: - Bring-up

  /// CC.EN 0, RDY 0, admin queue registers, CC with EN 1, RDY 1, then the I/O queue count.
  func enable(_ state: inout AdminState) throws(NVMeError) {
    let configuration = try vfio { () throws(VFIOError) in try registers.load(UInt32.self, at: NVMeRegister.configuration) }
    if configuration & NVMeRegister.enable != 0 {
      try vfio { () throws(VFIOError) in
        try registers.store(configuration & ~NVMeRegister.enable, at: NVMeRegister.configuration)
      }
    }
    try waitReady(false)
    state.queue.restart()
    let size = UInt32(state.queue.entries - 1)
    try vfio { () throws(VFIOError) in
      try registers.store(size << 16 | size, at: NVMeRegister.adminQueueAttributes)
      try registers.store(state.queue.submissions.iova, at: NVMeRegister.adminSubmissionQueue)
      try registers.store(state.queue.completions.iova, at: NVMeRegister.adminCompletionQueue)
      try registers.store(NVMeRegister.configurationFields, at: NVMeRegister.configuration)
      try registers.store(NVMeRegister.configurationFields | NVMeRegister.enable, at: NVMeRegister.configuration)
    }
    try waitReady(true)
    var numberOfQueues = NVMeCommand(admin: .setFeatures, "Set Features (Number of Queues)")
    let asked = UInt32(max(1, min(options.requestedQueuePairs, 0xFFFF)) - 1)
    numberOfQueues.dwords.0 = 0x07
    numberOfQueues.dwords.1 = asked << 16 | asked
    let granted = try execute(numberOfQueues, &state).result
    state.queuePairLimit = Int(min(granted & 0xFFFF, granted >> 16, asked)) + 1
  }

  /// Waits up to CAP.TO for CSTS.RDY to equal `ready`; CSTS.CFS while enabling is fatal.
  func waitReady(_ ready: Bool) throws(NVMeError) {
    let limit = max(capabilities.readyTimeoutMilliseconds, 500)
    let deadline = monotonicNanoseconds() + UInt64(limit) * 1_000_000
    while true {
      let status = try vfio { () throws(VFIOError) in try registers.load(UInt32.self, at: NVMeRegister.status) }
      // All ones: the function no longer answers (surprise removal, a dead link).
      if status == .max { throw .controllerFatal(during: ready ? "enable" : "disable") }
      if (status & NVMeRegister.ready != 0) == ready { return }
      if ready && status & NVMeRegister.fatal != 0 { throw .controllerFatal(during: "enable") }
      if monotonicNanoseconds() > deadline { throw .readyTimeout(ready: ready, milliseconds: limit) }
      usleep(100)
    }
  }

  /// Identify Controller and Identify Namespace 1, decoded.
  func identify(_ state: inout AdminState) throws(NVMeError) -> NVMeIdentity {
    // Two zeroed pages, one per answer: what the controller leaves unwritten reads as zero.
    let controllerPage = try vfio { () throws(VFIOError) in try pool.allocate(size: 4096) }
    let namespacePage = try vfio { () throws(VFIOError) in try pool.allocate(size: 4096) }
    var command = NVMeCommand(admin: .identify, "Identify Controller")
    command.prp1 = controllerPage.iova
    command.dwords.0 = 1
    _ = try execute(command, &state)
    command = NVMeCommand(admin: .identify, "Identify Namespace 1")
    command.namespace = 1
    command.prp1 = namespacePage.iova
    command.dwords.0 = 0
    _ = try execute(command, &state)
    return try NVMeIdentity.decode(
      controller: controllerPage.bytes.withUnsafeBytes { Array($0) },
      namespace: namespacePage.bytes.withUnsafeBytes { Array($0) }, minimumPageSize: capabilities.minimumPageSize,
      queues: state.queuePairLimit)
  }

  // MARK: - Admin commands

  /// Runs one admin command to completion (polled), with the lock held; a timeout or a broken
  /// completion resets the controller before the error is thrown.
  func execute(_ command: NVMeCommand, _ state: inout AdminState) throws(NVMeError) -> NVMeCompletion {
    let id = state.nextCommandID
    state.nextCommandID = (id + 1) % UInt16(state.queue.entries - 1)
    try state.queue.submit(command, id: id, registers: registers)
    let deadline = monotonicNanoseconds() + UInt64(options.commandTimeoutMilliseconds) * 1_000_000
    var spins = 0
    while true {
      let completion: (NVMeCompletion, String)?
      do { completion = try state.queue.nextCompletion(registers: registers) } catch {
        try recover(from: error, &state)
      }
      if let (entry, name) = completion {
        if let error = NVMeError.status(entry.status, command: name) { throw error }
        return entry
      }
      spins += 1
      if spins % 64 == 0 {
        if let failure = try deadFailure(command: command.name, deadline: deadline) {
          try recover(from: failure, &state)
        }
        usleep(20)
      }
    }
  }

  /// The failure a wait ends in now: CSTS.CFS, or a timeout past `deadline`; nil to go on waiting.
  func deadFailure(command: String, deadline: UInt64) throws(NVMeError) -> NVMeError? {
    let status = try vfio { () throws(VFIOError) in try registers.load(UInt32.self, at: NVMeRegister.status) }
    if status == .max || status & NVMeRegister.fatal != 0 { return .controllerFatal(during: command) }
    if monotonicNanoseconds() > deadline {
      return .timeout(command: command, milliseconds: options.commandTimeoutMilliseconds, recovered: false)
    }
    return nil
  }

  /// Resets the controller after `error` and throws it (a timeout says whether the reset worked).
  func recover(from error: NVMeError, _ state: inout AdminState) throws(NVMeError) -> Never {
    // A command of the reset itself failed: the reset reports it, without resetting again.
    guard !state.resetting else { throw error }
    let recovered = (try? resetLocked(&state)) != nil
    if case .timeout(let command, let milliseconds, _) = error {
      throw .timeout(command: command, milliseconds: milliseconds, recovered: recovered)
    }
    throw error
  }

  /// Disable, enable and re-create every I/O queue, with the admin lock held.
  func resetLocked(_ state: inout AdminState) throws(NVMeError) {
    generation.add(1, ordering: .sequentiallyConsistent)
    state.resetting = true
    defer { state.resetting = false }
    try enable(&state)
    for record in state.queues.values.sorted(by: { $0.id < $1.id }) {
      try createQueues(record, &state)
    }
  }

  // MARK: - I/O queues

  /// A new I/O queue pair for the calling thread.
  ///
  /// - Parameters:
  ///   - depth: The most commands outstanding at once (the queues get one entry more).
  ///   - completion: Polling or an MSI-X vector of its own.
  ///   - maximumTransfer: The bytes of each command's bounce buffer (at most 2 MiB, rounded to
  ///     pages, capped by the controller's MDTS).
  public func makeQueuePair(
    depth: Int = 32, completion: NVMeCompletionMode = .polling, maximumTransfer: Int = 128 << 10
  ) throws(NVMeError) -> NVMeQueuePair {
    guard depth >= 1, depth < capabilities.maximumQueueEntries, depth <= 4095 else {
      throw .invalidArgument("queue depth \(depth) (the controller allows \(capabilities.maximumQueueEntries - 1))")
    }
    var transfer = min(max(maximumTransfer, 4096), 2 << 20)
    if let limit = identity.maximumTransfer { transfer = min(transfer, limit) }
    transfer = (transfer + 4095) / 4096 * 4096
    let id = try admin.withLock { (state) throws(NVMeError) -> UInt16 in
      guard let free = (1...max(1, state.queuePairLimit)).first(where: { state.queues[UInt16($0)] == nil && !state.reserved.contains(UInt16($0)) }),
        free <= state.queuePairLimit
      else { throw .invalidArgument("all \(state.queuePairLimit) I/O queue pairs are in use") }
      state.reserved.insert(UInt16(free))
      return UInt16(free)
    }
    do throws(NVMeError) {
      var event: VFIOEventFD?
      if completion == .interrupts {
        let vectors = try vfio { () throws(VFIOError) in try device.irqInfo(.pciMSIX).count }
        guard Int(id) < vectors else { throw .invalidArgument("queue \(id) needs MSI-X vector \(id) of \(vectors)") }
        event = try vfio { () throws(VFIOError) in try VFIOEventFD() }
      }
      let queue = try NVMeQueue(id: id, entries: depth + 1, commandIDs: depth, pool: pool, stride: capabilities.doorbellStride)
      let record = QueueRecord(
        id: id, entries: depth + 1, submissions: queue.submissions.iova, completions: queue.completions.iova,
        vector: event == nil ? nil : id)
      if let event { _ = try vfio { () throws(VFIOError) in try device.bindMSIX(event, vector: UInt32(id)) } }
      try admin.withLock { (state) throws(NVMeError) in
        try createQueues(record, &state)
        state.queues[id] = record
        state.reserved.remove(id)
      }
      return try NVMeQueuePair(
        controller: self, queue: queue, event: event, depth: depth, transfer: transfer, generation: generation.load(ordering: .acquiring))
    } catch {
      admin.withLock { _ = $0.reserved.remove(id) }
      throw error
    }
  }

  /// Create I/O Completion Queue then Create I/O Submission Queue.
  func createQueues(_ record: QueueRecord, _ state: inout AdminState) throws(NVMeError) {
    let size = UInt32(record.entries - 1) << 16 | UInt32(record.id)
    var cq = NVMeCommand(admin: .createCompletionQueue, "Create I/O Completion Queue \(record.id)")
    cq.prp1 = record.completions
    cq.dwords.0 = size
    // Physically contiguous; interrupts enabled on the queue's own vector when it has one.
    cq.dwords.1 = 1 | (record.vector.map { UInt32($0) << 16 | 2 } ?? 0)
    _ = try execute(cq, &state)
    var sq = NVMeCommand(admin: .createSubmissionQueue, "Create I/O Submission Queue \(record.id)")
    sq.prp1 = record.submissions
    sq.dwords.0 = size
    sq.dwords.1 = UInt32(record.id) << 16 | 1
    _ = try execute(sq, &state)
  }

  /// Delete I/O Submission Queue then Delete I/O Completion Queue, and the vector unbound.
  func deleteQueues(_ id: UInt16) throws(NVMeError) {
    try admin.withLock { (state) throws(NVMeError) in
      guard let record = state.queues.removeValue(forKey: id) else { return }
      var sq = NVMeCommand(admin: .deleteSubmissionQueue, "Delete I/O Submission Queue \(id)")
      sq.dwords.0 = UInt32(id)
      _ = try execute(sq, &state)
      var cq = NVMeCommand(admin: .deleteCompletionQueue, "Delete I/O Completion Queue \(id)")
      cq.dwords.0 = UInt32(id)
      _ = try execute(cq, &state)
      if record.vector != nil { try vfio { () throws(VFIOError) in try device.unbindMSIX(vector: UInt32(id)) } }
    }
  }
}

/// What the admin lock guards.
struct AdminState: ~Copyable {
  var queue: NVMeQueue
  var nextCommandID: UInt16 = 0
  /// Whether a reset is under way (its own failures do not start another).
  var resetting = false
  /// The I/O queue pairs Set Features granted.
  var queuePairLimit = 0
  /// The live I/O queue pairs, for a reset to re-create.
  var queues: [UInt16: QueueRecord] = [:]
  /// Queue ids being set up.
  var reserved: Set<UInt16> = []

  init(queue: consuming NVMeQueue) { self.queue = queue }
}

/// What re-creating an I/O queue pair after a reset takes.
struct QueueRecord: Sendable {
  let id: UInt16
  let entries: Int
  let submissions: UInt64
  let completions: UInt64
  let vector: UInt16?
}

extension NVMeIdentity {
  static let none = NVMeIdentity(
    model: "", serial: "", firmware: "", maximumTransfer: nil, blockCount: 0, blockSize: 512, ioQueuePairs: 0)
}
