/// What Identify Controller (CNS 1) and Identify Namespace (CNS 0) for namespace 1 reported,
/// and how many I/O queue pairs Set Features granted.
public struct NVMeIdentity: Sendable, Hashable {
  /// The model number (MN), trailing spaces removed.
  public let model: String
  /// The serial number (SN), trailing spaces removed.
  public let serial: String
  /// The firmware revision (FR), trailing spaces removed.
  public let firmware: String
  /// The largest transfer the controller takes in one command, in bytes (MDTS; nil: no limit).
  public let maximumTransfer: Int?
  /// Namespace 1's size in logical blocks (NSZE).
  public let blockCount: UInt64
  /// Namespace 1's logical block size in bytes (from its LBA format's LBADS).
  public let blockSize: Int
  /// The I/O queue pairs the controller allocated (Set Features, Number of Queues).
  public let ioQueuePairs: Int

  /// Decodes the two identify pages; `minimumPageSize` scales MDTS.
  static func decode(
    controller: [UInt8], namespace: [UInt8], minimumPageSize: UInt64, queues: Int
  ) throws(NVMeError) -> NVMeIdentity {
    guard controller.count >= 4096, namespace.count >= 4096 else { throw .unsupported("short identify data") }
    func text(_ range: Range<Int>) -> String {
      String(decoding: controller[range], as: UTF8.self).trimmingCharacters(" \0")
    }
    func little(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> UInt64 {
      (0..<count).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }
    let mdts = Int(controller[77])
    let formats = Int(namespace[25]) + 1
    let chosen = Int(namespace[26] & 0xF)
    guard chosen < formats, chosen < 16 else { throw .unsupported("namespace 1 uses LBA format \(chosen) of \(formats)") }
    let shift = Int(namespace[128 + 4 * chosen + 2])
    // A block of 512 bytes to a page keeps every block inside one PRP entry.
    guard (9...12).contains(shift) else { throw .unsupported("namespace 1 has 2^\(shift)-byte blocks") }
    let blocks = little(namespace, 0, 8)
    guard blocks > 0 else { throw .unsupported("namespace 1 is empty or inactive") }
    let limit: Int? = mdts == 0 || mdts > 20 ? nil : (1 << mdts) * Int(minimumPageSize)
    return NVMeIdentity(
      model: text(24..<64), serial: text(4..<24), firmware: text(64..<72), maximumTransfer: limit,
      blockCount: blocks, blockSize: 1 << shift, ioQueuePairs: queues)
  }
}

extension String {
  fileprivate func trimmingCharacters(_ set: String) -> String {
    var scalars = Substring(self)
    while let last = scalars.last, set.contains(last) { scalars.removeLast() }
    while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
    return String(scalars)
  }
}
