/// Controller registers in BAR0 (NVMe 1.4 § 3.1) and the fields the driver uses.
enum NVMeRegister {
  /// Controller Capabilities (64 bits).
  static let capabilities: UInt64 = 0x00
  /// Version.
  static let version: UInt64 = 0x08
  /// Controller Configuration.
  static let configuration: UInt64 = 0x14
  /// Controller Status.
  static let status: UInt64 = 0x1C
  /// Admin Queue Attributes.
  static let adminQueueAttributes: UInt64 = 0x24
  /// Admin Submission Queue Base Address (64 bits).
  static let adminSubmissionQueue: UInt64 = 0x28
  /// Admin Completion Queue Base Address (64 bits).
  static let adminCompletionQueue: UInt64 = 0x30
  /// The first doorbell.
  static let doorbells: UInt64 = 0x1000

  /// CSTS.RDY.
  static let ready: UInt32 = 1 << 0
  /// CSTS.CFS.
  static let fatal: UInt32 = 1 << 1
  /// CC.EN.
  static let enable: UInt32 = 1 << 0
  /// CC with I/O queue entry sizes 2^6 (SQ) and 2^4 (CQ), 4 KiB pages (MPS 0), NVM command set,
  /// round robin, no shutdown notification: every bit but EN.
  static let configurationFields: UInt32 = 6 << 16 | 4 << 20
}

/// The fields of CAP the driver depends on.
struct NVMeCapabilities: Sendable {
  let rawValue: UInt64

  /// Maximum Queue Entries Supported, as a count (MQES is zero-based).
  var maximumQueueEntries: Int { Int(rawValue & 0xFFFF) + 1 }
  /// Doorbell stride in bytes: 4 << DSTRD.
  var doorbellStride: UInt64 { 4 << ((rawValue >> 32) & 0xF) }
  /// The worst time CSTS.RDY takes to change, in milliseconds (CAP.TO in 500 ms units).
  var readyTimeoutMilliseconds: Int { Int((rawValue >> 24) & 0xFF) * 500 }
  /// Whether the NVM command set is supported (CSS bit 0).
  var supportsNVM: Bool { (rawValue >> 37) & 1 != 0 }
  /// The smallest memory page size, in bytes (2 ^ (12 + MPSMIN)).
  var minimumPageSize: UInt64 { 1 << (12 + ((rawValue >> 48) & 0xF)) }
}

/// Admin and NVM command opcodes (NVMe 1.4 figures 139 and 346).
enum NVMeOpcode: UInt8 {
  case deleteSubmissionQueue = 0x00
  case createSubmissionQueue = 0x01
  case deleteCompletionQueue = 0x04
  case createCompletionQueue = 0x05
  case identify = 0x06
  case setFeatures = 0x09

  // NVM command set
  static let flush: UInt8 = 0x00
  static let write: UInt8 = 0x01
  static let read: UInt8 = 0x02
}

/// A submission queue entry, 64 bytes (NVMe 1.4 § 4.2): the dwords the driver sets.
struct NVMeCommand: Sendable {
  var opcode: UInt8
  var namespace: UInt32 = 0
  var prp1: UInt64 = 0
  var prp2: UInt64 = 0
  /// Command dwords 10 to 15.
  var dwords: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0)
  /// What the command is called in errors.
  var name: String

  init(_ opcode: UInt8, _ name: String) {
    self.opcode = opcode
    self.name = name
  }

  init(admin opcode: NVMeOpcode, _ name: String) { self.init(opcode.rawValue, name) }
}
