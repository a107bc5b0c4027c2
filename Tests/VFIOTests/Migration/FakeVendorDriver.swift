import SystemPackage
import VFIO

/// The device side of a v1 migration region, in memory: a vendor driver that
/// hands out `saved` in chunks while saving and collects what is written while
/// resuming, following the documented sequence. Some instances misbehave on purpose.
final class FakeVendorDriver: MigrationRegionIO {
  enum Access: Equatable {
    case readState, writeState, readPending, readDataOffset, readDataSize, writeDataSize
    case readData(Int), writeData(Int)
  }

  enum Misbehaviour {
    /// data_offset reads return this value.
    case dataOffset(UInt64)
    /// data_size reads return this value.
    case dataSize(UInt64)
    /// pending_bytes never goes down.
    case pendingNeverShrinks
    /// pending_bytes drops by one on every read while every chunk is empty.
    case pendingDropsByOneWithEmptyChunks
    /// Every read of the data section returns 0 bytes.
    case emptyReads
    /// Every access fails with this errno.
    case failing(Errno)
  }

  /// Where the region sits within the device file.
  let regionOffset: UInt64
  var region: [UInt8]
  let dataSectionOffset: UInt64
  let chunkSize: Int
  var saved: [UInt8]
  var handedOut = 0
  var lastChunk = 0
  var received: [UInt8] = []
  var receivedChunks: [Int] = []
  var log: [Access] = []
  var misbehaviour: Misbehaviour?

  init(
    regionOffset: UInt64 = 0x4000, regionSize: Int = 256, dataSectionOffset: UInt64 = 64,
    chunkSize: Int = 100, saved: [UInt8] = [], state: UInt32
  ) {
    self.regionOffset = regionOffset
    self.region = [UInt8](repeating: 0, count: regionSize)
    self.dataSectionOffset = dataSectionOffset
    self.chunkSize = chunkSize
    self.saved = saved
    store(state, at: MigrationRegionV1Layout.deviceState)
  }

  var state: UInt32 { load(UInt32.self, at: MigrationRegionV1Layout.deviceState) }

  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
    if case .failing(let errno) = misbehaviour { throw errno }
    let position = try regionPosition(offset, buffer.count)
    switch UInt64(position) {
    case MigrationRegionV1Layout.deviceState: log.append(.readState)
    case MigrationRegionV1Layout.pendingBytes:
      log.append(.readPending)
      // Reading pending_bytes after a chunk acknowledges it.
      if case .pendingNeverShrinks = misbehaviour {} else { handedOut += lastChunk }
      lastChunk = 0
      if case .pendingDropsByOneWithEmptyChunks = misbehaviour {
        let before = load(UInt64.self, at: MigrationRegionV1Layout.pendingBytes)
        store(before == 0 ? UInt64(saved.count) : before - 1, at: MigrationRegionV1Layout.pendingBytes)
      } else {
        store(UInt64(saved.count - handedOut), at: MigrationRegionV1Layout.pendingBytes)
      }
    case MigrationRegionV1Layout.dataOffset:
      log.append(.readDataOffset)
      prepareChunk()
      if case .dataOffset(let lie) = misbehaviour { store(lie, at: MigrationRegionV1Layout.dataOffset) }
    case MigrationRegionV1Layout.dataSize:
      log.append(.readDataSize)
      if case .dataSize(let lie) = misbehaviour { store(lie, at: MigrationRegionV1Layout.dataSize) }
      if case .pendingDropsByOneWithEmptyChunks = misbehaviour { store(UInt64(0), at: MigrationRegionV1Layout.dataSize) }
    default:
      log.append(.readData(buffer.count))
      if case .emptyReads = misbehaviour { return 0 }
    }
    region.withUnsafeBytes { bytes in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[position..<position + buffer.count]))
    }
    return buffer.count
  }

  func write(_ buffer: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
    if case .failing(let errno) = misbehaviour { throw errno }
    let position = try regionPosition(offset, buffer.count)
    region.withUnsafeMutableBytes { bytes in
      UnsafeMutableRawBufferPointer(rebasing: bytes[position..<position + buffer.count]).copyMemory(from: buffer)
    }
    switch UInt64(position) {
    case MigrationRegionV1Layout.deviceState: log.append(.writeState)
    case MigrationRegionV1Layout.dataSize:
      log.append(.writeDataSize)
      // Writing data_size hands the chunk at data_offset to the device.
      let size = Int(load(UInt64.self, at: MigrationRegionV1Layout.dataSize))
      let start = Int(dataSectionOffset)
      received += region[start..<start + size]
      receivedChunks.append(size)
    default: log.append(.writeData(buffer.count))
    }
    return buffer.count
  }

  private func prepareChunk() {
    let count = min(chunkSize, saved.count - handedOut, region.count - Int(dataSectionOffset))
    let start = Int(dataSectionOffset)
    region.replaceSubrange(start..<start + count, with: saved[handedOut..<handedOut + count])
    lastChunk = count
    store(dataSectionOffset, at: MigrationRegionV1Layout.dataOffset)
    store(UInt64(count), at: MigrationRegionV1Layout.dataSize)
  }

  private func regionPosition(_ offset: Int64, _ count: Int) throws(Errno) -> Int {
    let position = Int(offset) - Int(regionOffset)
    guard position >= 0, position + count <= region.count else { throw .invalidArgument }
    return position
  }

  private func store<Value: FixedWidthInteger>(_ value: Value, at offset: UInt64) {
    withUnsafeBytes(of: value) { bytes in
      region.replaceSubrange(Int(offset)..<Int(offset) + bytes.count, with: bytes)
    }
  }

  private func load<Value: FixedWidthInteger>(_: Value.Type, at offset: UInt64) -> Value {
    region.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: Int(offset), as: Value.self) }
  }
}
