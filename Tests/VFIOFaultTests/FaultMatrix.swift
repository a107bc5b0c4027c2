import FakeKernel
import SystemPackage
import VFIO

/// How one run of a public call ended.
enum Outcome: Equatable, CustomStringConvertible {
  case success(String)
  /// A typed error: its description and the errno it carries, if any.
  case failure(String, Errno?)

  var description: String {
    switch self {
    case .success(let value): "success(\(value))"
    case .failure(let text, _): "failure(\(text))"
    }
  }

  var errno: Errno? {
    if case .failure(_, let errno) = self { return errno }
    return nil
  }

  /// Runs `body`, turning each typed error the package throws into a failure with its errno.
  static func of(_ body: () throws -> String) -> Outcome {
    do { return .success(try body()) } catch let error as VFIOError {
      return .failure(error.description, carriedErrno(error.reason))
    } catch let error as MigrationRegionV1Error {
      if case .io(let errno) = error { return .failure(error.description, errno) }
      return .failure(error.description, nil)
    } catch {
      return .failure("untyped \(type(of: error)): \(error)", nil)
    }
  }

  static func carriedErrno(_ reason: VFIOError.Reason) -> Errno? {
    switch reason {
    case .system(let errno), .dirtyPages(.system(let errno)), .argumentSize(.system(let errno)),
      .migrationRegionV1(.io(let errno)):
      errno
    default: nil
    }
  }
}

/// One public call played against a scripted kernel: the script of a kernel that answers
/// well, what the call then returns, and lies with what each must end in.
struct Scenario: Sendable {
  let call: String
  let baseline: [Step]
  let expected: String
  /// Runs the call against a fake scripted with `script`; returns the outcome and the fake
  /// files it used (checked for runaways and mismatches).
  let run: @Sendable ([Step]) -> (Outcome, [FakeFile])
  /// Lies: a script and the check of its outcome.
  var lies: [Lie] = []
  /// Whether the call reports a failed step and goes on (`vfio inspect`).
  var absorbsErrors = false
  /// The last steps are a deinit's (an IOAS destroyed, a mapping released): nobody hears
  /// their failure, so the call still succeeds.
  var unheardTail = 0

  struct Lie: Sendable {
    let name: String
    let script: [Step]
    let check: @Sendable (Outcome) -> Bool
  }
}

/// One generated case: a scenario's script with a fault, and what must come of it.
struct FaultCase: Sendable, CustomStringConvertible {
  enum Expectation: Sendable {
    /// The same result as the kernel that answers well (EINTR is retried).
    case baseline
    /// A typed error carrying this errno (or, where the call reports failed steps and goes on, any end).
    case errno(Errno)
    case check(@Sendable (Outcome) -> Bool)
  }

  let scenario: Scenario
  let fault: String
  let script: [Step]
  let expectation: Expectation

  var description: String { "\(scenario.call): \(fault)" }

  /// Runs the case; nil when it ended as it must, else why not.
  func verdict() -> String? {
    let (outcome, files) = scenario.run(script)
    for file in files {
      if file.runaway { return "spun past the fake's call budget (\(file.log.count) calls): \(outcome)" }
    }
    switch expectation {
    case .baseline:
      if outcome != .success(scenario.expected) { return "expected success(\(scenario.expected)), got \(outcome)" }
      if let mismatch = files.flatMap(\.mismatches).first { return "script mismatch: \(mismatch)" }
    case .errno(let errno):
      if scenario.absorbsErrors, case .success = outcome { return nil }
      if outcome.errno != errno { return "expected a typed error carrying \(errno), got \(outcome)" }
    case .check(let check):
      if !check(outcome) { return "unexpected \(outcome)" }
    }
    return nil
  }
}

extension Scenario {
  /// Every fault at every step of the baseline: EINTR before it (retried: same result),
  /// EAGAIN and EIO instead of it, and the descriptor closed from it on (EBADF);
  /// then the lies. The first case is the baseline itself.
  var cases: [FaultCase] {
    var cases = [FaultCase(scenario: self, fault: "answers well", script: baseline, expectation: .baseline)]
    for (index, step) in baseline.enumerated() {
      let before = Array(baseline[..<index]), after = Array(baseline[index...])
      if step.kind != .mmap {
        cases.append(FaultCase(
          scenario: self, fault: "EINTR before step \(index) (\(step))",
          script: before + [.fail(.interrupted, step.kind)] + after, expectation: .baseline))
      }
      let unheard = index >= baseline.count - unheardTail
      for errno in [Errno.resourceTemporarilyUnavailable, .ioError] {
        cases.append(FaultCase(
          scenario: self, fault: "\(errno) at step \(index) (\(step))",
          script: before + [.fail(errno)] + Array(baseline[(index + 1)...]),
          expectation: unheard ? .check { $0 == .success(expected) } : .errno(errno)))
      }
      cases.append(FaultCase(
        scenario: self, fault: "closed underneath from step \(index) (\(step))",
        script: before + Array(repeating: .fail(.badFileDescriptor), count: 64),
        expectation: unheard ? .check { $0 == .success(expected) } : .errno(.badFileDescriptor)))
    }
    if let first = baseline.first {
      cases.append(FaultCase(
        scenario: self, fault: "EINTR forever from step 0 (\(first))",
        script: Array(repeating: .fail(.interrupted), count: 5000),
        expectation: unheardTail == baseline.count ? .check { $0 == .success(expected) } : .errno(.interrupted)))
    }
    for lie in lies {
      cases.append(FaultCase(scenario: self, fault: lie.name, script: lie.script, expectation: .check(lie.check)))
    }
    return cases
  }
}
