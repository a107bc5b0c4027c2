import VFIO

/// Why an NVMe operation failed: a status the controller returned, a controller that broke the
/// protocol (the "lying controller" cases), a bound that ran out, or the VFIO call underneath.
///
/// Every wait of the driver is bounded, and every value the controller writes is checked before
/// it is used: a misbehaving controller ends in one of these cases, never in a hang or a trap.
public enum NVMeError: Error, Sendable, CustomStringConvertible {
  /// The command completed with a generic command status (SCT 0).
  case generic(NVMeStatus, command: String)
  /// The command completed with a command specific status (SCT 1).
  case commandSpecific(NVMeStatus, command: String)
  /// The command completed with a media and data integrity error (SCT 2).
  case media(NVMeStatus, command: String)
  /// The command completed with a path-related, vendor specific or reserved status type.
  case otherStatus(NVMeStatus, command: String)
  /// No completion arrived within the bound (its phase tag never flipped); the controller was
  /// reset, and `recovered` says whether the reset brought it back.
  case timeout(command: String, milliseconds: Int, recovered: Bool)
  /// The controller reported Controller Fatal Status (CSTS.CFS).
  case controllerFatal(during: String)
  /// CSTS.RDY did not reach `ready` within CAP.TO.
  case readyTimeout(ready: Bool, milliseconds: Int)
  /// A completion names a command that is not outstanding on its queue.
  case unknownCommandID(UInt16, queue: UInt16)
  /// A completion's SQ Head Pointer is past the end of its submission queue.
  case submissionHeadOutOfRange(UInt16, queue: UInt16, entries: Int)
  /// A completion names another submission queue than the one it was posted for.
  case wrongSubmissionQueue(UInt16, expected: UInt16)
  /// The controller was reset (after another command timed out or broke the protocol) while this
  /// command was outstanding: its result is unknown.
  case lostToReset(command: String)
  /// A value the controller reported is unusable (its identify data, its capabilities).
  case unsupported(String)
  /// The caller asked for something out of range (LBAs, a buffer too small, too many queues).
  case invalidArgument(String)
  /// A VFIO call failed.
  case vfio(VFIOError)

  /// The typed error for a completion's status (nil when it succeeded).
  static func status(_ status: NVMeStatus, command: String) -> NVMeError? {
    if status.isSuccess { return nil }
    switch status.codeType {
    case 0: return .generic(status, command: command)
    case 1: return .commandSpecific(status, command: command)
    case 2: return .media(status, command: command)
    default: return .otherStatus(status, command: command)
    }
  }

  public var description: String {
    switch self {
    case .generic(let status, let command), .commandSpecific(let status, let command), .media(let status, let command),
      .otherStatus(let status, let command):
      "\(command): \(status)"
    case .timeout(let command, let milliseconds, let recovered):
      "\(command): no completion within \(milliseconds) ms; controller reset\(recovered ? "" : " failed")"
    case .controllerFatal(let during): "\(during): controller fatal status (CSTS.CFS)"
    case .readyTimeout(let ready, let milliseconds): "CSTS.RDY did not become \(ready ? 1 : 0) within \(milliseconds) ms"
    case .unknownCommandID(let id, let queue): "completion for unknown command id \(id) on queue \(queue)"
    case .submissionHeadOutOfRange(let head, let queue, let entries):
      "completion on queue \(queue) reports SQ head \(head) of a \(entries)-entry queue"
    case .wrongSubmissionQueue(let queue, let expected): "completion names SQ \(queue), expected \(expected)"
    case .lostToReset(let command): "\(command): lost to a controller reset"
    case .unsupported(let what): "unsupported controller: \(what)"
    case .invalidArgument(let what): "invalid argument: \(what)"
    case .vfio(let error): "\(error)"
    }
  }
}

/// Runs a VFIO call, wrapping its error.
@inline(__always)
func vfio<T: ~Copyable>(_ body: () throws(VFIOError) -> T) throws(NVMeError) -> T {
  do { return try body() } catch { throw .vfio(error) }
}
