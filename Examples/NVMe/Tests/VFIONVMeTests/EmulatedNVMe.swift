import CVFIO
import FakeKernel
import Foundation
import Synchronization
import SystemPackage
import VFIO
import VFIONVMe

/// An NVMe controller emulated behind the fake kernel, enough for the driver's whole path.
///
/// The device file is a fake whose memfd holds BAR0 (registers and doorbells, at offset 0) and
/// the PCI config space (at ``configOffset``): the driver's `mmap` and `pread`/`pwrite` go to the
/// memfd, its ioctls to ``answerDevice(_:)``. The container file records each `MAP_DMA`, so the
/// controller reaches the driver's memory at the address the map named. A thread watches CC and
/// the doorbells in its own mapping of the memfd and answers admin and NVM commands; completions
/// raise the MSI-X eventfd the driver bound with `SET_IRQS`. ``lie`` makes it misbehave.
final class EmulatedNVMe: @unchecked Sendable {
  /// A way the controller misbehaves, applied to the next I/O command (once), or to enabling.
  enum Lie: Sendable, Hashable, CustomStringConvertible {
    case none
    /// Completes with this status (SCT, SC).
    case status(UInt8, UInt8)
    /// Names another submission queue in the completion.
    case wrongQueue
    /// Reports an SQ head past the queue.
    case headOutOfRange
    /// Names a command id that is not outstanding.
    case unknownCommandID
    /// Writes the completion with the old phase tag: it never appears.
    case phaseNeverFlips
    /// Sets CSTS.CFS and answers nothing.
    case fatal
    /// Never sets CSTS.RDY after CC.EN (every time, not once).
    case neverReady

    var description: String {
      switch self {
      case .none: "none"
      case .status(let type, let code): "status SCT \(type) SC \(code)"
      case .wrongQueue: "wrong SQ id"
      case .headOutOfRange: "SQ head out of range"
      case .unknownCommandID: "unknown command id"
      case .phaseNeverFlips: "phase never flips"
      case .fatal: "CSTS.CFS"
      case .neverReady: "RDY never set"
      }
    }
  }

  static let barSize = 0x4000
  static let configOffset = 0x10000
  static let fileSize = 0x11000
  static let blockCount = 4096
  static let blockSize = 512
  static let queueLimit = 8
  static let msixVectors = 16
  static let model = "Swift emulated NVMe"
  static let serial = "EMU-0001"
  /// CAP: MQES 255, CQR, TO 1 (500 ms), DSTRD 1 (8-byte doorbell stride), CSS NVM, MPSMIN 0.
  static let capabilities: UInt64 = 255 | 1 << 16 | 1 << 24 | 1 << 32 | 1 << 37

  struct State {
    var maps: [(iova: UInt64, address: UInt, size: UInt64)] = []
    var vectors: [Int32] = []
    var msixEnabled = false
    var lie: Lie = .none
    var storage = [UInt8](repeating: 0, count: EmulatedNVMe.blockCount * EmulatedNVMe.blockSize)
    var opcodes: [String] = []
    var interrupts: [Int] = Array(repeating: 0, count: EmulatedNVMe.msixVectors)
    var configuration: UInt32 = 0
    var running = true
    /// Whether `VFIO_DEVICE_PCI_HOT_RESET` reaches the controller (false: the call succeeds and the
    /// controller runs on, a bus reset that was not one).
    var hotResetReaches = true
    /// A hot reset asked for, which the emulator thread carries out.
    var hotResetPending = false
    /// The `count` of each `VFIO_DEVICE_PCI_HOT_RESET` argument: the group descriptors passed.
    var hotResetGroupCounts: [UInt32] = []
  }

  struct SubmissionQueue { let iova: UInt64; let size: Int; let completionQueue: UInt16; var head = 0 }
  struct CompletionQueue { let iova: UInt64; let size: Int; let vector: Int?; var tail = 0; var phase: UInt32 = 1 }

  let state = FakeLock(State())
  let stopped = DispatchSemaphore(value: 0)
  /// Signalled by the emulator thread once it has carried out a hot reset.
  let hotResetDone = DispatchSemaphore(value: 0)
  /// The emulator's own mapping of BAR0 (set in init, before the thread starts).
  private var barAddress = UnsafeMutableRawPointer(bitPattern: 4096)!
  private(set) var device: FakeFile!
  private(set) var container: FakeFile!
  // Emulator-thread state.
  private var enabled = false
  private var submissionQueues: [UInt16: SubmissionQueue] = [:]
  private var completionQueues: [UInt16: CompletionQueue] = [:]

  init(lie: Lie = .none) {
    self.device = FakeFile(size: Self.fileSize, then: Step(nil) { [unowned self] call in answerDevice(call) }, budget: 1_000_000)
    self.container = FakeFile(then: Step(.ioctl) { [unowned self] call in answerContainer(call) }, budget: 1_000_000)
    state.withLock { $0.lie = lie }
    let address = mmap(nil, Self.barSize, PROT_READ | PROT_WRITE, MAP_SHARED, self.device.keeper, 0)
    precondition(address != MAP_FAILED, "mmap of the emulated BAR: \(Errno(rawValue: errno))")
    barAddress = address!
    write64(Self.capabilities, at: 0x00)
    write32(0x0001_0400, at: 0x08)
    let emulator = Thread { [self] in run() }
    emulator.start()
  }

  /// Stops the thread and waits for it.
  func stop() {
    state.withLock { $0.running = false }
    stopped.wait()
    state.withLock { for fd in $0.vectors where fd >= 0 { close(fd) } }
    munmap(barAddress, Self.barSize)
  }

  var lie: Lie {
    get { state.withLock { $0.lie } }
    set { state.withLock { $0.lie = newValue } }
  }

  var opcodes: [String] { state.withLock { $0.opcodes } }
  var hotResetGroupCounts: [UInt32] { state.withLock { $0.hotResetGroupCounts } }
  var hotResetReaches: Bool {
    get { state.withLock { $0.hotResetReaches } }
    set { state.withLock { $0.hotResetReaches = newValue } }
  }
  var interrupts: [Int] { state.withLock { $0.interrupts } }
  var configuration: UInt32 { state.withLock { $0.configuration } }
  func register(_ offset: Int) -> UInt32 { read32(at: offset) }
  var pciCommand: UInt16 {
    var value: UInt16 = 0
    _ = withUnsafeMutableBytes(of: &value) { Glibc.pread(device.keeper, $0.baseAddress, 2, off_t(Self.configOffset + 4)) }
    return value
  }
  func storage(_ range: Range<Int>) -> [UInt8] { state.withLock { Array($0.storage[range]) } }

  /// The driver on this controller: its device and container are the fakes.
  func controller(timeout: Int = 2_000) throws(NVMeError) -> NVMeController {
    var options = NVMeController.Options()
    options.commandTimeoutMilliseconds = timeout
    options.poolBytes = 16 << 20
    let device = VFIODevice(unsafeAdopting: device.descriptor(), name: "emulated-nvme")
    let container = VFIOContainer(unsafeAdopting: container.descriptor())
    return try NVMeController(device: device, space: .container(container), options: options)
  }

  // MARK: - The fake kernel's answers

  func answerDevice(_ call: FakeCall) -> Reply {
    guard call.kind == .ioctl else { return .passThrough }
    switch call.request {
    case DeviceIoctl.getRegionInfo.requestNumber:
      let index = call.load(UInt32.self, at: 8) ?? .max
      let (size, offset): (UInt64, UInt64) =
        switch index {
        case UInt32(VFIO_PCI_BAR0_REGION_INDEX): (UInt64(Self.barSize), 0)
        case UInt32(VFIO_PCI_CONFIG_REGION_INDEX): (4096, UInt64(Self.configOffset))
        default: (0, 0)
        }
      call.fill(
        FakeBytes.of(vfio_region_info.self) {
          $0.argsz = UInt32(MemoryLayout<vfio_region_info>.size)
          $0.flags = index == UInt32(VFIO_PCI_BAR0_REGION_INDEX) ? 7 : 3
          $0.index = index
          $0.size = size
          $0.offset = offset
        })
      return .result(0)
    case DeviceIoctl.getIRQInfo.requestNumber:
      let index = call.load(UInt32.self, at: 8) ?? .max
      call.fill(
        FakeBytes.of(vfio_irq_info.self) {
          $0.argsz = UInt32(MemoryLayout<vfio_irq_info>.size)
          $0.flags = UInt32(VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE)
          $0.index = index
          $0.count = index == UInt32(VFIO_PCI_MSIX_IRQ_INDEX) ? UInt32(Self.msixVectors) : 0
        })
      return .result(0)
    case DeviceIoctl.setIRQs.requestNumber:
      guard let flags = call.load(UInt32.self, at: 4), let index = call.load(UInt32.self, at: 8),
        let start = call.load(UInt32.self, at: 12), let count = call.load(UInt32.self, at: 16),
        index == UInt32(VFIO_PCI_MSIX_IRQ_INDEX), start + count <= UInt32(Self.msixVectors)
      else { return .failure(.invalidArgument) }
      // As vfio-pci under NORESIZE (which the index reports): enabling allocates start + count
      // vectors, an enabled index cannot grow, and disabling one that is off is refused.
      return state.withLock { state -> Reply in
        if flags & UInt32(VFIO_IRQ_SET_DATA_NONE) != 0 && count == 0 {
          guard state.msixEnabled else { return .failure(.invalidArgument) }
          for fd in state.vectors where fd >= 0 { close(fd) }
          state.vectors = []
          state.msixEnabled = false
          return .result(0)
        }
        if !state.msixEnabled {
          state.vectors = Array(repeating: -1, count: Int(start + count))
          state.msixEnabled = true
        }
        for vector in 0..<Int(count) {
          let fd = call.load(Int32.self, at: MemoryLayout<vfio_irq_set>.size + 4 * vector) ?? -1
          let slot = Int(start) + vector
          guard slot < state.vectors.count else {
            if fd < 0 { continue }
            return .failure(.invalidArgument)
          }
          if state.vectors[slot] >= 0 { close(state.vectors[slot]) }
          state.vectors[slot] = fd >= 0 ? dup(fd) : -1
        }
        return .result(0)
      }
    case DeviceIoctl.getPCIHotResetInfo.requestNumber:
      // One affected device, this one: group 7, 0000:01:00.0. Too little room says how much it needs.
      let header = MemoryLayout<vfio_pci_hot_reset_info>.size
      let entry = MemoryLayout<vfio_pci_dependent_device>.stride
      call.fill(UInt32(1), at: 8)
      guard call.capacity >= header + entry else { return .failure(.noSpace) }
      call.fill(FakeBytes.of(vfio_pci_dependent_device.self) {
        $0.group_id = 7
        $0.bus = 1
      }, at: header)
      return .result(0)
    case DeviceIoctl.pciHotReset.requestNumber:
      // Like a secondary bus reset: CC and CSTS back to zero before the call returns.
      let reaches = state.withLock { state in
        state.hotResetGroupCounts.append(call.load(UInt32.self, at: 8) ?? .max)
        state.hotResetPending = state.hotResetReaches
        return state.hotResetReaches
      }
      if reaches { hotResetDone.wait() }
      record("hot reset")
      return .result(0)
    default:
      return .result(0)
    }
  }

  func answerContainer(_ call: FakeCall) -> Reply {
    if call.request == ContainerIoctl.iommuMapDMA.requestNumber, let address = call.load(UInt64.self, at: 8),
      let iova = call.load(UInt64.self, at: 16), let size = call.load(UInt64.self, at: 24)
    {
      state.withLock { $0.maps.append((iova, UInt(address), size)) }
    } else if call.request == ContainerIoctl.iommuUnmapDMA.requestNumber, let iova = call.load(UInt64.self, at: 8) {
      state.withLock { $0.maps.removeAll { $0.iova == iova } }
    }
    return .result(0)
  }

  // MARK: - The controller

  private func read32(at offset: Int) -> UInt32 { UInt32(littleEndian: cvfio_mmio_read32(barAddress + offset)) }
  private func write32(_ value: UInt32, at offset: Int) { cvfio_mmio_write32(barAddress + offset, value.littleEndian) }
  private func read64(at offset: Int) -> UInt64 { UInt64(littleEndian: cvfio_mmio_read64(barAddress + offset)) }
  private func write64(_ value: UInt64, at offset: Int) { cvfio_mmio_write64(barAddress + offset, value.littleEndian) }

  /// Where the device reaches `count` bytes at `iova`, if one map holds them all.
  private func translate(_ iova: UInt64, _ count: Int) -> UnsafeMutableRawPointer? {
    state.withLock { state in
      guard let map = state.maps.first(where: { iova >= $0.iova && iova - $0.iova + UInt64(count) <= $0.size }) else { return nil }
      return UnsafeMutableRawPointer(bitPattern: map.address + UInt(iova - map.iova))
    }
  }

  private func doorbell(_ index: Int) -> Int { 0x1000 + index * 8 }

  private func run() {
    while state.withLock({ $0.running }) {
      var busy = false
      if state.withLock({ $0.hotResetPending }) {
        write32(0, at: 0x14)
        enabled = false
        submissionQueues = [:]
        completionQueues = [:]
        for index in 0..<2 * (Self.queueLimit + 1) { write32(0, at: doorbell(index)) }
        write32(0, at: 0x1C)
        // The command register too: a driver must not count on the kernel restoring it.
        var command: UInt16 = 0
        _ = Glibc.pwrite(device.keeper, &command, 2, off_t(Self.configOffset + 4))
        state.withLock { $0.hotResetPending = false }
        hotResetDone.signal()
      }
      let configuration = read32(at: 0x14)
      if enabled && configuration & 1 == 0 {
        enabled = false
        submissionQueues = [:]
        completionQueues = [:]
        // A reset clears the doorbells, as a controller's reset does.
        for index in 0..<2 * (Self.queueLimit + 1) { write32(0, at: doorbell(index)) }
        write32(0, at: 0x1C)
        busy = true
      } else if !enabled && configuration & 1 == 1 && lie != .neverReady {
        state.withLock { $0.configuration = configuration }
        let attributes = read32(at: 0x24)
        submissionQueues[0] = SubmissionQueue(iova: read64(at: 0x28), size: Int(attributes & 0xFFF) + 1, completionQueue: 0)
        completionQueues[0] = CompletionQueue(iova: read64(at: 0x30), size: Int(attributes >> 16 & 0xFFF) + 1, vector: nil)
        enabled = true
        write32(1, at: 0x1C)
        busy = true
      }
      if enabled && read32(at: 0x1C) & 2 == 0 {
        for id in submissionQueues.keys.sorted() { busy = serve(id) || busy }
      }
      if !busy { usleep(20) }
    }
    stopped.signal()
  }

  /// Answers the commands between the queue's head and its doorbell; whether there were any.
  private func serve(_ id: UInt16) -> Bool {
    guard var queue = submissionQueues[id] else { return false }
    let tail = Int(read32(at: doorbell(2 * Int(id))))
    guard tail != queue.head, tail < queue.size else { return false }
    atomicMemoryFence(ordering: .acquiring)
    while queue.head != tail {
      guard let entry = translate(queue.iova + UInt64(queue.head * 64), 64) else { return false }
      let command = (0..<16).map { entry.load(fromByteOffset: 4 * $0, as: UInt32.self) }
      queue.head = (queue.head + 1) % queue.size
      submissionQueues[id] = queue
      let (result, status) = id == 0 ? admin(command) : io(command)
      guard let status else { continue }
      var lie = Lie.none
      if id != 0 {
        lie = state.withLock { state in
          let lie = state.lie
          if lie != .neverReady { state.lie = .none }
          return lie
        }
      }
      if lie == .fatal {
        write32(read32(at: 0x1C) | 2, at: 0x1C)
        return true
      }
      var statusField = status
      if case .status(let type, let code) = lie { statusField = UInt16(type) << 8 | UInt16(code) }
      complete(
        queue: queue.completionQueue, result: result,
        head: lie == .headOutOfRange ? 0xFFF0 : UInt16(queue.head),
        submissionQueue: lie == .wrongQueue ? id &+ 0x77 : id,
        commandID: UInt16(truncatingIfNeeded: command[0] >> 16) ^ (lie == .unknownCommandID ? 0x5500 : 0),
        status: statusField, stalePhase: lie == .phaseNeverFlips)
      if submissionQueues[id] == nil { break }
      queue = submissionQueues[id]!
    }
    return true
  }

  private func complete(
    queue id: UInt16, result: UInt32, head: UInt16, submissionQueue: UInt16, commandID: UInt16, status: UInt16,
    stalePhase: Bool
  ) {
    guard var queue = completionQueues[id], let entry = translate(queue.iova + UInt64(queue.tail * 16), 16) else { return }
    entry.storeBytes(of: result, toByteOffset: 0, as: UInt32.self)
    entry.storeBytes(of: 0, toByteOffset: 4, as: UInt32.self)
    entry.storeBytes(of: UInt32(head) | UInt32(submissionQueue) << 16, toByteOffset: 8, as: UInt32.self)
    atomicMemoryFence(ordering: .releasing)
    let phase = stalePhase ? queue.phase ^ 1 : queue.phase
    cvfio_mmio_write32(entry + 12, UInt32(commandID) | phase << 16 | UInt32(status) << 17)
    queue.tail += 1
    if queue.tail == queue.size {
      queue.tail = 0
      queue.phase ^= 1
    }
    completionQueues[id] = queue
    if let vector = queue.vector {
      let fd: Int32 = state.withLock { state in
        guard vector < state.vectors.count else { return -1 }
        state.interrupts[vector] += 1
        return state.vectors[vector]
      }
      var one: UInt64 = 1
      if fd >= 0 { _ = Glibc.write(fd, &one, 8) }
    }
  }

  private func record(_ name: String) { state.withLock { $0.opcodes.append(name) } }

  /// An admin command's result and status (nil: no completion).
  private func admin(_ c: [UInt32]) -> (UInt32, UInt16?) {
    let opcode = UInt8(truncatingIfNeeded: c[0])
    let prp1 = UInt64(c[6]) | UInt64(c[7]) << 32
    let queueID = UInt16(truncatingIfNeeded: c[10])
    let size = Int(c[10] >> 16) + 1
    switch opcode {
    case 0x06:
      let cns = c[10] & 0xFF
      record("identify \(cns)")
      guard let page = translate(prp1, 4096) else { return (0, 0x04) }
      page.initializeMemory(as: UInt8.self, repeating: 0, count: 4096)
      if cns == 1 {
        func put(_ text: String, _ offset: Int, _ width: Int) {
          let bytes = Array(text.utf8) + Array(repeating: UInt8(ascii: " "), count: width)
          for index in 0..<width { page.storeBytes(of: bytes[index], toByteOffset: offset + index, as: UInt8.self) }
        }
        put(Self.serial, 4, 20)
        put(Self.model, 24, 40)
        put("1.0", 64, 8)
        page.storeBytes(of: 5, toByteOffset: 77, as: UInt8.self)
        page.storeBytes(of: 1, toByteOffset: 516, as: UInt32.self)
      } else if cns == 0 && c[1] == 1 {
        page.storeBytes(of: UInt64(Self.blockCount), toByteOffset: 0, as: UInt64.self)
        page.storeBytes(of: UInt64(Self.blockCount), toByteOffset: 8, as: UInt64.self)
        page.storeBytes(of: 9, toByteOffset: 128 + 2, as: UInt8.self)
      } else {
        return (0, 0x0B)
      }
      return (0, 0)
    case 0x09:
      record("set features \(c[10] & 0xFF)")
      guard c[10] & 0xFF == 7 else { return (0, 0x02) }
      let granted = UInt32(min(Int(c[11] & 0xFFFF) + 1, Self.queueLimit) - 1)
      return (granted << 16 | granted, 0)
    case 0x05:
      record("create cq \(queueID)")
      guard queueID >= 1, Int(queueID) <= Self.queueLimit, completionQueues[queueID] == nil else { return (0, 0x101) }
      let vector = c[11] & 2 != 0 ? Int(c[11] >> 16) : nil
      completionQueues[queueID] = CompletionQueue(iova: prp1, size: size, vector: vector)
      return (0, 0)
    case 0x01:
      record("create sq \(queueID)")
      let completion = UInt16(truncatingIfNeeded: c[11] >> 16)
      guard queueID >= 1, Int(queueID) <= Self.queueLimit, submissionQueues[queueID] == nil else { return (0, 0x101) }
      guard completionQueues[completion] != nil else { return (0, 0x100) }
      submissionQueues[queueID] = SubmissionQueue(iova: prp1, size: size, completionQueue: completion)
      return (0, 0)
    case 0x00:
      record("delete sq \(queueID)")
      return submissionQueues.removeValue(forKey: queueID) == nil ? (0, 0x101) : (0, 0)
    case 0x04:
      record("delete cq \(queueID)")
      return completionQueues.removeValue(forKey: queueID) == nil ? (0, 0x101) : (0, 0)
    default:
      return (0, 0x01)
    }
  }

  /// An NVM command's status.
  private func io(_ c: [UInt32]) -> (UInt32, UInt16?) {
    let opcode = UInt8(truncatingIfNeeded: c[0])
    guard opcode != 0x00 else {
      record("flush")
      return (0, 0)
    }
    guard opcode == 0x01 || opcode == 0x02 else { return (0, 0x01) }
    guard c[1] == 1 else { return (0, 0x0B) }
    let start = Int(UInt64(c[10]) | UInt64(c[11]) << 32)
    let blocks = Int(c[12] & 0xFFFF) + 1
    record("\(opcode == 1 ? "write" : "read") \(start)+\(blocks)")
    guard start + blocks <= Self.blockCount else { return (0, 0x80) }
    guard let pages = prpPages(prp1: UInt64(c[6]) | UInt64(c[7]) << 32, prp2: UInt64(c[8]) | UInt64(c[9]) << 32, bytes: blocks * Self.blockSize)
    else { return (0, 0x04) }
    state.withLock { state in
      state.storage.withUnsafeMutableBytes { storage in
        var offset = start * Self.blockSize
        for (page, count) in pages {
          if opcode == 0x01 {
            (storage.baseAddress! + offset).copyMemory(from: page, byteCount: count)
          } else {
            page.copyMemory(from: storage.baseAddress! + offset, byteCount: count)
          }
          offset += count
        }
      }
    }
    return (0, 0)
  }

  /// The data pages of a PRP1/PRP2 pair (PRP2 a page or a list), translated.
  private func prpPages(prp1: UInt64, prp2: UInt64, bytes: Int) -> [(UnsafeMutableRawPointer, Int)]? {
    var iovas = [prp1]
    let first = 4096 - Int(prp1 % 4096)
    var left = bytes - first
    if left > 0 && left <= 4096 {
      iovas.append(prp2)
    } else if left > 0 {
      let count = (left + 4095) / 4096
      guard count <= 511, let list = translate(prp2, 8 * count) else { return nil }
      iovas += (0..<count).map { list.load(fromByteOffset: 8 * $0, as: UInt64.self) }
    }
    var pages: [(UnsafeMutableRawPointer, Int)] = []
    left = bytes
    for (index, iova) in iovas.enumerated() {
      let count = min(left, index == 0 ? first : 4096)
      guard let page = translate(iova, count) else { return nil }
      pages.append((page, count))
      left -= count
    }
    return pages
  }
}
