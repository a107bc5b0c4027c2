import VFIO
import SystemPackage

/// The guest's step list: one `VFIO-VM-STEP PASS|FAIL name: detail` line per step
/// and a final `VFIO-VM-VERDICT passed=N failed=N` line the host script reads.
struct StepLog {
  private(set) var passed = 0
  private(set) var failed = 0

  /// Runs `body`; its return value is the detail printed on success, a thrown error the failure.
  mutating func step(_ name: String, _ body: () throws -> String) {
    do { pass(name, try body()) } catch { fail(name, error) }
  }

  mutating func pass(_ name: String, _ detail: String) {
    passed += 1
    print("VFIO-VM-STEP PASS \(name): \(detail)")
  }

  mutating func fail(_ name: String, _ error: any Error) {
    failed += 1
    print("VFIO-VM-STEP FAIL \(name): \(error)")
  }

  /// A step that expects `body` to fail with `errno` (nil: a reason the package gives itself),
  /// as a `VFIOError` naming `operation`.
  mutating func expectFailure(_ name: String, operation: String, errno: Errno?, _ body: () throws -> Void) {
    step(name) {
      do {
        try body()
      } catch let error as VFIOError {
        guard error.errno == errno, error.operation == operation else {
          throw GuestFailure("expected \(operation): \(errno.map(VFIOError.symbol(of:)) ?? "a typed reason"), got \(error)")
        }
        return "\(error)"
      }
      throw GuestFailure("expected \(operation) to fail with \(errno.map(VFIOError.symbol(of:)) ?? "a typed reason"); it succeeded")
    }
  }

  func printVerdict() {
    print("VFIO-VM-VERDICT passed=\(passed) failed=\(failed)")
  }
}

struct GuestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
  if !condition { throw GuestFailure(message()) }
}

func hex<T: BinaryInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }
