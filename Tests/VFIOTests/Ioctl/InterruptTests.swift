#if DEBUG
import Glibc
import SystemPackage
import Testing
@testable import VFIO

@Suite("EINTR")
struct InterruptTests {
  /// A stand-in kernel that is interrupted `interruptions` times, then answers `answer`.
  /// Unchecked: each test calls it from its own task only.
  final class InterruptingKernel: @unchecked Sendable {
    private var remaining: Int
    private(set) var calls = 0
    let answer: CInt
    init(interruptions: Int, answer: CInt) { remaining = interruptions; self.answer = answer }
    func call(_: CInt, _: UInt, _: UInt) -> CInt {
      calls += 1
      guard remaining > 0 else { return answer }
      remaining -= 1
      errno = EINTR
      return -1
    }
  }

  @Test func retriedUntilTheCallCompletes() throws {
    let kernel = InterruptingKernel(interruptions: 3, answer: 0)
    let result = try IoctlMock.$handler.withValue(kernel.call) {
      try ContainerDescriptor(unsafeAssumingKind: FileDescriptor(rawValue: 3)).ioctl(.getAPIVersion)
    }
    #expect(result == 0)
    #expect(kernel.calls == 4)
  }

  @Test func reportedWhenRetryIsOff() throws {
    let kernel = InterruptingKernel(interruptions: 1, answer: 0)
    #expect(throws: Errno.interrupted) {
      try IoctlMock.$handler.withValue(kernel.call) {
        try ContainerDescriptor(unsafeAssumingKind: FileDescriptor(rawValue: 3)).ioctl(
          .checkExtension, VFIOExtension(.type1), retryOnInterrupt: false)
      }
    }
    #expect(kernel.calls == 1)
  }
}

#endif
