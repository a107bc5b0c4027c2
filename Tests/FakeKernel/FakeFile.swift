import CFakeKernel
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A file the fake kernel answers for: a memfd whose every descriptor (duplicates and
/// `/proc/self/fd` reopenings included) is registered, so calls on it go to `script`,
/// one step per call, then to `then` for every call after the script.
///
/// A call that does not match its step's kind or request is recorded as a mismatch and
/// fails (ENOTTY for an ioctl, EIO otherwise). More than `budget` calls is recorded as a
/// runaway and fails with EIO: a caller that spins ends instead of hanging the test.
public final class FakeFile: Sendable {
  public struct Record: Sendable, Equatable, CustomStringConvertible {
    public let kind: FakeCall.Kind
    public let request: UInt
    public let count: Int

    public var description: String {
      kind == .ioctl ? "ioctl(\(FakeScriptNames.name(of: request)))" : "\(kind)(\(count))"
    }
  }

  struct State {
    var script: [Step]
    var next = 0
    var then: Step
    var budget: Int
    var log: [Record] = []
    var mismatches: [String] = []
    var runaway = false
  }

  let id: CInt
  /// Keeps the memfd open, so its inode is not reused while it is registered.
  public let keeper: CInt
  let state: FakeLock<State>

  /// - Parameters:
  ///   - size: The memfd's size: what pass-through reads and mmaps see.
  ///   - script: The answers, one per call, in order.
  ///   - then: The answer to every call past the script.
  ///   - budget: The most calls answered before the caller counts as spinning.
  public init(size: Int = 0, script: [Step] = [], then: Step = .fail(.ioError), budget: Int = 10_000) {
    FakeKernel.install()
    keeper = fake_kernel_memfd(size)
    precondition(keeper >= 0, "memfd_create: \(Errno(rawValue: errno))")
    id = fake_kernel_register(keeper)
    precondition(id >= 0, "fake_kernel_register: \(Errno(rawValue: errno))")
    state = FakeLock(State(script: script, then: then, budget: budget))
    FakeKernel.files.withLock { $0[id] = WeakFile(file: self) }
  }

  deinit {
    fake_kernel_unregister(id)
    _ = FakeKernel.files.withLock { $0.removeValue(forKey: id) }
    close(keeper)
  }

  /// Starts over with `script` and `then`, forgetting the log (a fuzzer reuses its files).
  public func reset(script: [Step] = [], then: Step, budget: Int = 10_000) {
    state.withLock { $0 = State(script: script, then: then, budget: budget) }
  }

  /// A new descriptor of the file, for the code under test to own.
  public func descriptor() -> FileDescriptor { FileDescriptor(rawValue: dup(keeper)) }

  /// A path that opens the file (`VFIOGroup(path:)`, `IOMMUFD(path:)`).
  public var path: FilePath { FilePath("/proc/self/fd/\(keeper)") }

  /// The calls answered so far.
  public var log: [Record] { state.withLock { $0.log } }
  /// Calls that did not match their step.
  public var mismatches: [String] { state.withLock { $0.mismatches } }
  /// Whether the budget ran out.
  public var runaway: Bool { state.withLock { $0.runaway } }
  /// Whether every step of the script was used.
  public var finished: Bool { state.withLock { $0.next >= $0.script.count } }

  func answer(_ call: FakeCall) -> Reply {
    let step: Step? = state.withLock { state in
      state.log.append(Record(kind: call.kind, request: call.request, count: call.count))
      guard state.log.count <= state.budget else {
        state.runaway = true
        return nil
      }
      let step = state.next < state.script.count ? state.script[state.next] : state.then
      if state.next < state.script.count { state.next += 1 }
      if let mismatch = step.mismatch(call) { state.mismatches.append(mismatch) }
      return step
    }
    guard let step else { return .failure(.ioError) }
    guard step.mismatch(call) == nil else { return .failure(call.kind == .ioctl ? .inappropriateIOCTLForDevice : .ioError) }
    return step.respond(call)
  }
}

struct WeakFile {
  weak var file: FakeFile?
}

/// The process-wide part: the handler the C interposer calls, and the files by id.
public enum FakeKernel {
  static let files = FakeLock<[CInt: WeakFile]>([:])
  static let installed = FakeLock(false)

  static func install() {
    installed.withLock { done in
      guard !done else { return }
      fake_kernel_set_handler { id, raw, error in
        guard let raw, let file = FakeKernel.files.withLock({ $0[id]?.file }) else { return FAKE_KERNEL_PASS_THROUGH }
        switch file.answer(FakeCall(raw.pointee)) {
        case .result(let value): return value
        case .failure(let errno):
          error?.pointee = errno.rawValue
          return -1
        case .passThrough: return FAKE_KERNEL_PASS_THROUGH
        }
      }
      done = true
    }
  }

  /// Calls the fake answered since the process started (any test's).
  public static var answered: UInt { fake_kernel_answered() }
}

/// An ordinary memfd the fake does not answer for.
public func fake_memfd(_ size: Int) -> CInt { fake_kernel_memfd(size) }

/// A memfd whose `/proc/self/fd` link reads `link`, as an anonymous inode or a dma-buf of the
/// kernel's would (`anon_inode:[vfio-device]`).
public func fake_memfd(_ size: Int, link: String) -> CInt {
  let fd = fake_kernel_memfd(size)
  precondition(fd >= 0 && fake_kernel_name(fd, link) == 0, "fake_kernel_name: \(Errno(rawValue: errno))")
  return fd
}
