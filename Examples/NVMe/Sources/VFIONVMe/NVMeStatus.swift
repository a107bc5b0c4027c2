/// The status field of a completion queue entry (NVMe 1.4 § 4.6.1.2): its status code type
/// (SCT), status code (SC) and the More and Do Not Retry bits.
public struct NVMeStatus: Sendable, Hashable, CustomStringConvertible {
  /// Bits 16–31 of completion dword 3 shifted down by one (the phase tag dropped).
  public let rawValue: UInt16

  /// A status from the 15 bits after the phase tag.
  public init(rawValue: UInt16) { self.rawValue = rawValue & 0x7FFF }

  /// The status code type: 0 generic, 1 command specific, 2 media and data integrity, 3 path.
  public var codeType: UInt8 { UInt8((rawValue >> 8) & 0x7) }
  /// The status code within its type.
  public var code: UInt8 { UInt8(truncatingIfNeeded: rawValue) }
  /// Whether the command would fail again if retried (DNR).
  public var doNotRetry: Bool { rawValue & (1 << 14) != 0 }
  /// Whether the controller has more status in the Error Information log page (M).
  public var more: Bool { rawValue & (1 << 13) != 0 }
  /// Whether the command succeeded (SCT 0, SC 0).
  public var isSuccess: Bool { codeType == 0 && code == 0 }

  public var description: String {
    let name = Self.names[Pair(codeType, code)].map { " (\($0))" } ?? ""
    return "SCT \(codeType) SC 0x\(String(code, radix: 16))\(name)\(doNotRetry ? ", do not retry" : "")"
  }

  /// The names NVMe 1.4 gives the status codes this driver can meet (figures 128, 129, 130).
  private static let names: [Pair: String] = [
    Pair(0, 0x00): "successful completion", Pair(0, 0x01): "invalid command opcode", Pair(0, 0x02): "invalid field in command",
    Pair(0, 0x03): "command ID conflict", Pair(0, 0x04): "data transfer error", Pair(0, 0x06): "internal error",
    Pair(0, 0x07): "command abort requested", Pair(0, 0x0B): "invalid namespace or format",
    Pair(0, 0x13): "invalid PRP offset", Pair(0, 0x80): "LBA out of range", Pair(0, 0x81): "capacity exceeded",
    Pair(0, 0x82): "namespace not ready", Pair(1, 0x00): "completion queue invalid", Pair(1, 0x01): "invalid queue identifier",
    Pair(1, 0x02): "invalid queue size", Pair(1, 0x08): "invalid interrupt vector", Pair(1, 0x0C): "invalid queue deletion",
    Pair(2, 0x80): "write fault", Pair(2, 0x81): "unrecovered read error", Pair(2, 0x86): "access denied",
  ]

  private struct Pair: Hashable {
    let type: UInt8, code: UInt8
    init(_ type: UInt8, _ code: UInt8) { self.type = type; self.code = code }
  }
}
