import CVFIO
import SystemPackage
import VFIO

/// The mtty mdev (samples/vfio-mdev/mtty.c): a virtual serial device whose
/// driver implements v2 migration.
func runMttySuite(_ log: inout StepLog, uuid: String) throws {
  let container = try VFIOContainer(for: .mdev(uuid))
  let device = try container.openDevice(.mdev(uuid))
  log.step("mtty: device info") {
    let info = try device.info()
    try require(info.info.flags.contains(.pci), "flags \(info.info.flags)")
    return "flags \(info.info.flags), \(info.info.regionCount) regions, \(info.info.irqCount) IRQs"
  }
  log.step("mtty: migration feature probes") {
    try device.probeFeature(.migration)
    try device.probeFeature(.migrationDeviceState, for: [.get, .set])
    return "\(DeviceFeature.migration) (get) and \(DeviceFeature.migrationDeviceState) (get, set) supported"
  }
  log.step("mtty: migration flags") {
    let flags = try device.migrationFlags()
    try require(flags == [.stopCopy, .p2p, .preCopy], "flags \(flags)")
    return "\(flags)"
  }
  let everyFlag: MigrationFlags = [.stopCopy, .p2p, .preCopy]
  for supported in [everyFlag, [.stopCopy, .p2p], [.stopCopy]] {
    log.step("mtty: migration round trip, supported \(supported)") {
      try migrationRoundTrip(device, supported: supported)
    }
  }
  log.step("mtty: STOP_COPY to PRE_COPY refused by the state machine") {
    let file = try device.migrate(to: .stopCopy, supported: everyFlag)
    defer { _ = try? device.migrate(to: .running, supported: everyFlag) }
    do {
      _ = try device.migrate(to: .preCopy, supported: everyFlag)
    } catch let error as VFIOError where error.errno == nil {
      _ = consume file
      return "\(error)"
    }
    throw GuestFailure("STOP_COPY → PRE_COPY was not refused")
  }
  do {
    try device.close()
    try container.close()
    log.pass("mtty: close", "device and container (with its group) closed")
  } catch {
    log.fail("mtty: close", error)
  }
}

/// Saves the device's state and restores it, every arc chosen by the package's
/// state machine for `supported`; returns the arcs taken and the byte counts.
func migrationRoundTrip(_ device: borrowing VFIODevice, supported: MigrationFlags) throws -> String {
  var arcs: [String] = []
  let record = { (from: MigrationState, to: MigrationState) in arcs.append("\(from)→\(to)") }
  try require(try device.migrationState() == .running, "not running at the start")
  var saved: [UInt8] = []
  var precopyBytes: UInt64 = 0
  let saving: MigrationSavingFile
  if supported.contains(.preCopy) {
    guard case .saving(let file)? = try device.migrate(to: .preCopy, supported: supported, arc: record) else {
      throw GuestFailure("entering PRE_COPY opened no saving data fd")
    }
    precopyBytes = try file.precopyInfo().initialBytes
    try require(precopyBytes > 0, "no initial pre-copy bytes")
    saved += try readData(file, upTo: Int(precopyBytes))
    if let extra = try device.migrate(to: .stopCopy, supported: supported, arc: record) {
      _ = consume extra
      throw GuestFailure("PRE_COPY → STOP_COPY opened a second data fd")
    }
    saving = file
  } else {
    guard case .saving(let file)? = try device.migrate(to: .stopCopy, supported: supported, arc: record) else {
      throw GuestFailure("entering STOP_COPY opened no saving data fd")
    }
    saving = file
  }
  let dataSize = try device.stopCopyDataSize()
  saved += try readData(saving, upTo: Int.max)
  try saving.close()
  try require(UInt64(saved.count) == dataSize, "read \(saved.count) bytes, MIG_DATA_SIZE \(dataSize)")
  guard try device.migrate(to: .stop, supported: supported, arc: record) == nil else {
    throw GuestFailure("entering STOP opened a data fd")
  }
  guard case .resuming(let resuming)? = try device.migrate(to: .resuming, supported: supported, arc: record) else {
    throw GuestFailure("entering RESUMING opened no resuming data fd")
  }
  var written = 0
  while written < saved.count {
    written += try saved[written...].withUnsafeBytes { try resuming.write($0) }
  }
  try resuming.close()
  guard try device.migrate(to: .running, supported: supported, arc: record) == nil else {
    throw GuestFailure("entering RUNNING opened a data fd")
  }
  try require(try device.migrationState() == .running, "not running at the end")
  return "\(precopyBytes) pre-copy + \(saved.count - Int(precopyBytes)) stop-copy bytes saved and restored; "
    + arcs.joined(separator: ", ")
}

/// Reads from `file` until `limit` bytes or the end of the stream.
func readData(_ file: borrowing MigrationSavingFile, upTo limit: Int) throws -> [UInt8] {
  var data: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 4096)
  while data.count < limit {
    let wanted = min(chunk.count, limit - data.count)
    let count = try chunk.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted])) }
    if count == 0 { break }
    data += chunk[..<count]
  }
  return data
}
