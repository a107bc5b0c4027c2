import SystemPackage
import VFIO

/// One answer of a script: the call it expects (kind, and request for an ioctl) and
/// what the kernel does.
public struct Step: Sendable, CustomStringConvertible {
  /// The call expected; nil takes any.
  public let kind: FakeCall.Kind?
  /// The ioctl request expected; nil takes any.
  public let request: UInt?
  public let respond: @Sendable (FakeCall) -> Reply

  public init(_ kind: FakeCall.Kind?, request: UInt? = nil, _ respond: @escaping @Sendable (FakeCall) -> Reply) {
    self.kind = kind
    self.request = request
    self.respond = respond
  }

  public var description: String {
    guard let kind else { return "any call" }
    guard kind == .ioctl, let request else { return "\(kind)" }
    return "ioctl(\(FakeScriptNames.name(of: request)))"
  }

  func mismatch(_ call: FakeCall) -> String? {
    if let kind, kind != call.kind { return "expected \(self), got \(call.kind)" }
    if let request, request != call.request {
      return "expected \(self), got ioctl(\(FakeScriptNames.name(of: call.request)))"
    }
    return nil
  }

  /// An ioctl that writes `bytes` at `offset` of the argument (cut to its argsz) and returns `result`.
  public static func ioctl(_ request: UInt?, result: Int = 0, fill bytes: [UInt8] = [], at offset: Int = 0) -> Step {
    Step(.ioctl, request: request) { call in
      call.fill(bytes, at: offset)
      return .result(result)
    }
  }

  /// An ioctl answered by `respond`.
  public static func ioctl(_ request: UInt?, _ respond: @escaping @Sendable (FakeCall) -> Reply) -> Step {
    Step(.ioctl, request: request, respond)
  }

  /// Fails the call with `errno`, whatever it is (or only `kind` and `request`).
  public static func fail(_ errno: Errno, _ kind: FakeCall.Kind? = nil, request: UInt? = nil) -> Step {
    Step(kind, request: request) { _ in .failure(errno) }
  }

  /// The real call, on the memfd behind the fake.
  public static func pass(_ kind: FakeCall.Kind? = nil) -> Step { Step(kind) { _ in .passThrough } }

  /// A read (`pread` or `read`) that returns `bytes`, at most what was asked for.
  public static func read(_ kind: FakeCall.Kind = .pread, _ bytes: [UInt8]) -> Step {
    Step(kind) { call in .result(call.fill(bytes)) }
  }

  /// A read or write that reports `result` bytes moved (0, short, or more than asked).
  public static func moved(_ kind: FakeCall.Kind, _ result: Int) -> Step { Step(kind) { _ in .result(result) } }

  /// A write (`pwrite` or `write`) that takes everything.
  public static func write(_ kind: FakeCall.Kind = .pwrite) -> Step { Step(kind) { call in .result(call.count) } }
}

/// Request numbers back to names, for logs and mismatch reports.
public enum FakeScriptNames {
  public static func name(of request: UInt) -> String {
    if let ioctl = DeviceIoctl(request: request) { return ioctl.name }
    if let ioctl = ContainerIoctl(request: request) { return ioctl.name }
    if let ioctl = GroupIoctl(request: request) { return ioctl.name }
    if let ioctl = IOMMUFDIoctl(request: request) { return ioctl.name }
    if let ioctl = MigrationDataIoctl(request: request) { return ioctl.name }
    return "0x" + String(request, radix: 16)
  }
}
