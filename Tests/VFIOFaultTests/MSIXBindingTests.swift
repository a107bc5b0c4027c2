import CVFIO
import FakeKernel
import SystemPackage
import Testing
import VFIO

/// vfio-pci's MSI-X index as `vfio_pci_set_msi_trigger` keeps it (drivers/vfio/pci/vfio_pci_intrs.c,
/// linux-source-6.12): a `DATA_EVENTFD` trigger on a disabled index enables `start + count`
/// vectors; on an enabled one it sets each vector in place, releasing its old eventfd first, and a
/// vector past the enabled ones is refused with `EINVAL` under `VFIO_IRQ_INFO_NORESIZE` (no dynamic
/// allocation) or allocated where the index may grow; a refused vector unbinds the block up to it;
/// `DATA_NONE` with count 0 disables an enabled index and is `EINVAL` on a disabled one.
final class MSIXKernel: Sendable {
  struct State {
    /// The vectors allocated; nil while MSI-X is off.
    var enabled: UInt32?
    var bound: [UInt32: Int32] = [:]
    /// Every `SET_IRQS`, in order: "enable 1..<2 [-, 7]", "set 3..<4 [9]", "disable".
    var requests: [String] = []
    /// The ordinals (0-based) of the `SET_IRQS` to refuse, each as the kernel refuses a vector it
    /// cannot set up (request_irq failing): at the block's first vector, after releasing its eventfd.
    var refuse: Set<Int> = []
  }

  let vectors: UInt32
  let noResize: Bool
  let state = FakeLock(State())
  /// The device file; it answers through this model as long as the model lives.
  let file: FakeFile

  init(vectors: UInt32 = 8, noResize: Bool) {
    self.vectors = vectors
    self.noResize = noResize
    let model = FakeLock<Weak<MSIXKernel>?>(nil)
    file = FakeFile(then: Step(.ioctl) { call in
      model.withLock { $0?.object }?.answer(call) ?? .failure(.ioError)
    }, budget: 1_000_000)
    model.withLock { $0 = Weak(self) }
  }

  func answer(_ call: FakeCall) -> Reply {
    switch call.request {
    case K.device(.getIRQInfo):
      call.fill(K.irqInfo(index: 2, count: vectors, flags: UInt32(VFIO_IRQ_INFO_EVENTFD) | (noResize ? 8 : 0)))
      return .result(0)
    case K.device(.setIRQs):
      guard let flags = call.load(UInt32.self, at: 4), call.load(UInt32.self, at: 8) == 2,
        let start = call.load(UInt32.self, at: 12), let count = call.load(UInt32.self, at: 16),
        flags & UInt32(VFIO_IRQ_SET_ACTION_TRIGGER) != 0, start < vectors, count <= vectors - start
      else { return .failure(.invalidArgument) }
      let fds = (0..<Int(count)).map { call.load(Int32.self, at: MemoryLayout<vfio_irq_set>.size + 4 * $0) ?? -1 }
      return state.withLock { state in set(&state, flags: flags, start: start, fds: fds) }
    default:
      return .failure(.inappropriateIOCTLForDevice)
    }
  }

  private func set(_ state: inout State, flags: UInt32, start: UInt32, fds: [Int32]) -> Reply {
    let ordinal = state.requests.count
    let block = "\(start)..<\(start + UInt32(fds.count)) [\(fds.map { $0 < 0 ? "-" : "\($0)" }.joined(separator: ", "))]"
    if flags & UInt32(VFIO_IRQ_SET_DATA_NONE) != 0 && fds.isEmpty {
      state.requests.append("disable")
      guard state.enabled != nil else { return .failure(.invalidArgument) }
      state.enabled = nil
      state.bound = [:]
      return .result(0)
    }
    guard flags & UInt32(VFIO_IRQ_SET_DATA_EVENTFD) != 0 else { return .failure(.invalidArgument) }
    let enabling = state.enabled == nil
    state.requests.append((enabling ? "enable " : "set ") + block)
    if enabling { state.enabled = start + UInt32(fds.count) }
    for (offset, fd) in fds.enumerated() {
      let vector = start + UInt32(offset)
      state.bound[vector] = nil
      let refused = state.refuse.contains(ordinal) || (fd >= 0 && vector >= state.enabled! && noResize)
      if refused {
        if enabling {
          state.enabled = nil
          state.bound = [:]
        } else {
          for unwound in start...vector { state.bound[unwound] = nil }
        }
        return .failure(state.refuse.contains(ordinal) ? .noSpace : .invalidArgument)
      }
      if fd >= 0 {
        state.bound[vector] = fd
        state.enabled = max(state.enabled!, vector + 1)
      }
    }
    return .result(0)
  }

  var requests: [String] { state.withLock { $0.requests } }

  /// What the kernel holds, in the package's terms: enabled vectors (0: off) and each bound descriptor.
  var holds: (enabled: UInt32, bound: [UInt32: Int32]) { state.withLock { ($0.enabled ?? 0, $0.bound) } }
}

extension MSIXBindings {
  /// The same terms as ``MSIXKernel/holds``.
  var held: (enabled: UInt32, bound: [UInt32: Int32]) { (enabledVectors, eventfds.mapValues { $0.fileDescriptor.rawValue }) }
}

/// Both sides agree: the package's record is what the kernel holds.
func agree(_ kernel: MSIXKernel, _ device: borrowing VFIODevice, sourceLocation: SourceLocation = #_sourceLocation) {
  let package = device.msixBindings.held, held = kernel.holds
  #expect(package.enabled == held.enabled && package.bound == held.bound,
    "package \(package), kernel \(held)", sourceLocation: sourceLocation)
}

@Suite("MSI-X vectors the device keeps")
struct MSIXBindingTests {
  static func fd(_ eventfd: VFIOEventFD) -> Int32 { eventfd.fileDescriptor.rawValue }

  @Test("vector by vector: enable, grow (re-enable under NORESIZE, in place elsewhere), set, unbind", arguments: [true, false])
  func vectorByVector(noResize: Bool) throws {
    let kernel = MSIXKernel(noResize: noResize)
    let device = VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix")
    let e = try (0..<3).map { _ throws(VFIOError) in try VFIOEventFD() }
    #expect(try device.bindMSIX(e[0], vector: 1) == .enabled)
    agree(kernel, device)
    #expect(try device.bindMSIX(e[1], vector: 3) == (noResize ? .reenabled : .setInPlace))
    agree(kernel, device)
    #expect(try device.bindMSIX(e[2], vector: 0) == .setInPlace)
    try device.unbindMSIX(vector: 3)
    #expect(try device.bindMSIX(e[1], vector: 2) == .setInPlace)
    agree(kernel, device)
    let (a, b, c) = (Self.fd(e[0]), Self.fd(e[1]), Self.fd(e[2]))
    let growth = noResize ? ["disable", "enable 0..<4 [-, \(a), -, \(b)]"] : ["set 3..<4 [\(b)]"]
    #expect(kernel.requests == ["enable 1..<2 [\(a)]"] + growth + ["set 0..<1 [\(c)]", "set 3..<4 [-]", "set 2..<3 [\(b)]"])
    #expect(device.msixBindings.enabledVectors == 4)
    #expect(device.msixBindings.eventfds.keys.sorted() == [0, 1, 2])
  }

  @Test("the whole table at once: enabled, grown, shrunk in place (the vectors past it unbound)", arguments: [true, false])
  func wholeTable(noResize: Bool) throws {
    let kernel = MSIXKernel(noResize: noResize)
    let device = VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix")
    let e = try (0..<3).map { _ throws(VFIOError) in try VFIOEventFD() }
    let (a, b, c) = (Self.fd(e[0]), Self.fd(e[1]), Self.fd(e[2]))
    #expect(try device.setMSIXVectors([e[0]]) == .enabled)
    #expect(try device.setMSIXVectors([e[0], nil, e[2]]) == (noResize ? .reenabled : .setInPlace))
    #expect(try device.setMSIXVectors([e[1]]) == .setInPlace)
    agree(kernel, device)
    let growth = noResize ? ["disable", "enable 0..<3 [\(a), -, \(c)]"] : ["set 0..<3 [\(a), -, \(c)]"]
    #expect(kernel.requests == ["enable 0..<1 [\(a)]"] + growth + ["set 0..<3 [\(b), -, -]"])
  }

  @Test("a refused re-enable puts back the vectors bound before")
  func refusedReenableRestores() throws {
    let kernel = MSIXKernel(noResize: true)
    let device = VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix")
    let e = try (0..<3).map { _ throws(VFIOError) in try VFIOEventFD() }
    try device.setMSIXVectors([e[0], e[1]])
    kernel.state.withLock { $0.refuse = [2] }
    let error = try #require(throws: VFIOError.self) { try device.bindMSIX(e[2], vector: 3) }
    #expect(error.reason == .system(.noSpace))
    let (a, b, c) = (Self.fd(e[0]), Self.fd(e[1]), Self.fd(e[2]))
    #expect(kernel.requests == ["enable 0..<2 [\(a), \(b)]", "disable", "enable 0..<4 [\(a), \(b), -, \(c)]", "enable 0..<2 [\(a), \(b)]"])
    agree(kernel, device)
    #expect(device.msixBindings.held.bound == [0: a, 1: b])
    // The record is right: vector 1 is set in place, within the two vectors enabled.
    #expect(try device.bindMSIX(e[2], vector: 1) == .setInPlace)
    agree(kernel, device)
  }

  @Test("a re-enable and its restore both refused leave MSI-X off, and the next bind enables it")
  func refusedRestoreLeavesItOff() throws {
    let kernel = MSIXKernel(noResize: true)
    let device = VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix")
    let e = try (0..<2).map { _ throws(VFIOError) in try VFIOEventFD() }
    try device.bindMSIX(e[0], vector: 0)
    kernel.state.withLock { $0.refuse = [2, 3] }
    #expect(throws: VFIOError.self) { try device.bindMSIX(e[1], vector: 5) }
    agree(kernel, device)
    #expect(device.msixBindings.enabledVectors == 0 && device.msixBindings.eventfds.isEmpty)
    #expect(try device.bindMSIX(e[1], vector: 5) == .enabled)
    #expect(kernel.requests.last == "enable 5..<6 [\(Self.fd(e[1]))]")
    agree(kernel, device)
  }

  @Test("a refused in-place bind leaves that vector unbound and the others as they were")
  func refusedInPlace() throws {
    let kernel = MSIXKernel(noResize: true)
    let device = VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix")
    let e = try (0..<3).map { _ throws(VFIOError) in try VFIOEventFD() }
    try device.setMSIXVectors([e[0], e[1], nil, nil])
    kernel.state.withLock { $0.refuse = [1] }
    #expect(throws: VFIOError.self) { try device.bindMSIX(e[2], vector: 1) }
    #expect(kernel.requests.suffix(2) == ["set 1..<2 [\(Self.fd(e[2]))]", "set 1..<2 [-]"])
    agree(kernel, device)
    #expect(device.msixBindings.held.bound == [0: Self.fd(e[0])])
  }

  @Test("no request for a vector the index lacks, nor for an unbind while MSI-X is off")
  func refusedBeforeTheKernel() throws {
    let kernel = MSIXKernel(vectors: 4, noResize: true)
    let device = VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix")
    let error = try #require(throws: VFIOError.self) { try device.bindMSIX(try VFIOEventFD(), vector: 4) }
    #expect(error.reason == .irqSet(.rangeOutOfBounds(index: .pciMSIX, start: 4, count: 1, available: 4)))
    #expect(throws: VFIOError.self) { try device.setMSIXVectors(Array(repeating: nil, count: 5)) }
    try device.unbindMSIX(vector: 2)
    #expect(kernel.requests.isEmpty)
    #expect(kernel.file.log.allSatisfy { $0.request == K.device(.getIRQInfo) })
  }

  @Test("setIRQs, enableMSIX and disableMSIX keep the same record: a bind after enableMSIX grows from its vectors")
  func sharedWithSetIRQs() throws {
    let kernel = MSIXKernel(noResize: true)
    let device = VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix")
    let e = try (0..<3).map { _ throws(VFIOError) in try VFIOEventFD() }
    try device.enableMSIX([e[0], nil])
    #expect(try device.bindMSIX(e[1], vector: 1) == .setInPlace)
    #expect(try device.bindMSIX(e[2], vector: 2) == .reenabled)
    agree(kernel, device)
    try device.disableMSIX()
    agree(kernel, device)
    #expect(try device.bindMSIX(e[0], vector: 0) == .enabled)
  }

  @Test("the device lets go of an eventfd once its vector is unbound or bound to another")
  func eventfdsReleased() throws {
    let kernel = MSIXKernel(noResize: false)
    let device = VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix")
    var first: VFIOEventFD? = try VFIOEventFD()
    var second: VFIOEventFD? = try VFIOEventFD()
    let watchers = [Weak(first!), Weak(second!)]
    try device.bindMSIX(first!, vector: 0)
    try device.bindMSIX(second!, vector: 1)
    (first, second) = (nil, nil)
    #expect(watchers.allSatisfy { $0.object != nil }, "an eventfd the kernel holds was closed")
    try device.bindMSIX(try VFIOEventFD(), vector: 0)
    try device.unbindMSIX(vector: 1)
    #expect(watchers.allSatisfy { $0.object == nil })
  }
}

@Suite("MSI-X vectors bound from many threads")
struct MSIXConcurrencyTests {
  static let threads = 8
  static let rounds = 40

  @Test("each thread binds and unbinds its own vector: every request one the kernel accepts, the record exact", arguments: [true, false])
  func threadsBindTheirVectors(noResize: Bool) throws {
    let kernel = MSIXKernel(vectors: UInt32(Self.threads), noResize: noResize)
    let device = Shared(VFIODevice(unsafeAdopting: kernel.file.descriptor(), name: "msix"))
    let eventfds = try (0..<Self.threads).map { _ throws(VFIOError) in try VFIOEventFD() }
    let failures = FakeLock<[String]>([])
    onThreads(Self.threads) { thread in
      do throws(VFIOError) {
        for round in 0..<Self.rounds {
          try device.value.bindMSIX(eventfds[thread], vector: UInt32(thread))
          if round < Self.rounds - 1 { try device.value.unbindMSIX(vector: UInt32(thread)) }
        }
      } catch {
        failures.withLock { $0.append("thread \(thread): \(error)") }
      }
    }
    #expect(failures.withLock { $0 } == [])
    agree(kernel, device.value)
    #expect(kernel.holds.bound == Dictionary(uniqueKeysWithValues: eventfds.enumerated().map { (UInt32($0.offset), $0.element.fileDescriptor.rawValue) }))
  }
}
