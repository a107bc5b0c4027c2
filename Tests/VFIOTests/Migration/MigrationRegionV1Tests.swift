import Glibc
import SystemPackage
import Testing
import VFIO

@Suite("v1 migration region protocol against an in-memory vendor driver")
struct MigrationRegionV1Tests {
  static func payload(_ count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
  }

  func region(_ driver: FakeVendorDriver) throws -> MigrationRegionV1<FakeVendorDriver> {
    try MigrationRegionV1(io: driver, offset: driver.regionOffset, size: UInt64(driver.region.count))
  }

  @Test("Field offsets are C's offsetof")
  func layoutMatchesC() throws {
    let type = "struct vfio_device_migration_info"
    #expect(MigrationRegionV1Layout.deviceState == (try oracle("offsetof(\(type), device_state)")))
    #expect(MigrationRegionV1Layout.pendingBytes == (try oracle("offsetof(\(type), pending_bytes)")))
    #expect(MigrationRegionV1Layout.dataOffset == (try oracle("offsetof(\(type), data_offset)")))
    #expect(MigrationRegionV1Layout.dataSize == (try oracle("offsetof(\(type), data_size)")))
    #expect(MigrationRegionV1Layout.headerSize == (try oracle("sizeof(\(type))")))
  }

  @Test("Live migration: pre-copy, stop-and-copy and resume carry the state across", arguments: [1, 7, 100, 192])
  func liveMigration(chunkSize: Int) throws {
    let state = Self.payload(1000, seed: UInt64(chunkSize))
    let reserved: UInt32 = 0xA5A5_0000
    let source = FakeVendorDriver(chunkSize: chunkSize, saved: state, state: reserved | MigrationStateV1.running.rawValue)
    let sourceRegion = try region(source)
    var chunks: [[UInt8]] = []
    let collect = { (bytes: UnsafeRawBufferPointer) throws(Errno) in chunks.append(Array(bytes)) }

    try sourceRegion.setDeviceState(.preCopy)
    let left = try sourceRegion.savePreCopy(maxIterations: 2, collect)
    try sourceRegion.setDeviceState(.stopAndCopy)
    try sourceRegion.saveStopAndCopy(collect)
    try sourceRegion.setDeviceState(.stop)
    #expect(left > 0 || chunkSize * 2 >= state.count)
    #expect(chunks.flatMap { $0 } == state)
    #expect(source.state == reserved | MigrationStateV1.stop.rawValue)

    let target = FakeVendorDriver(state: reserved | MigrationStateV1.running.rawValue)
    let targetRegion = try region(target)
    try targetRegion.setDeviceState(.resuming)
    try targetRegion.resume(chunks: chunks)
    try targetRegion.setDeviceState(.running)
    #expect(target.received == state)
    #expect(target.receivedChunks == chunks.map(\.count))
    #expect(target.state == reserved | MigrationStateV1.running.rawValue)
  }

  @Test("The save loop reads the fields in the documented order")
  func saveOrder() throws {
    let driver = FakeVendorDriver(chunkSize: 60, saved: Self.payload(100, seed: 1), state: MigrationStateV1.stopAndCopy.rawValue)
    let saved = try region(driver).saveStopAndCopy { _ in }
    #expect(saved == 100)
    #expect(driver.log == [
      .readPending, .readDataOffset, .readDataSize, .readData(60),
      .readPending, .readDataOffset, .readDataSize, .readData(40),
      .readPending,
    ])
  }

  @Test("The resume loop reads data_offset, writes the data, then data_size")
  func resumeOrder() throws {
    let driver = FakeVendorDriver(state: MigrationStateV1.resuming.rawValue)
    try region(driver).resume(chunks: [[1, 2, 3], [4]])
    #expect(driver.log == [.readDataOffset, .writeData(3), .writeDataSize, .readDataOffset, .writeData(1), .writeDataSize])
    #expect(driver.received == [1, 2, 3, 4])
  }

  static let lies: [(FakeVendorDriver.Misbehaviour, String)] = [
    (.dataOffset(8), "data inside the header"),
    (.dataOffset(0), "data at offset 0"),
    (.dataOffset(250), "data running past the end"),
    (.dataOffset(1 << 40), "data offset beyond the region"),
    (.dataSize(UInt64.max), "data size wrapping around"),
    (.dataSize(193), "data size one byte too large"),
  ]

  @Test("Data outside the region is an error", arguments: lies)
  func dataOutsideRegion(_ lie: FakeVendorDriver.Misbehaviour, _ label: String) throws {
    let driver = FakeVendorDriver(saved: Self.payload(100, seed: 2), state: MigrationStateV1.stopAndCopy.rawValue)
    driver.misbehaviour = lie
    var consumed = 0
    let error = #expect(throws: MigrationRegionV1Error.self, "\(label)") {
      try region(driver).saveStopAndCopy { _ in consumed += 1 }
    }
    if case .dataOutsideRegion = error {} else { Issue.record("\(label): \(String(describing: error))") }
    #expect(consumed == 0)
  }

  @Test("pending_bytes that never shrinks ends stop-and-copy with an error")
  func pendingNeverShrinks() throws {
    let driver = FakeVendorDriver(chunkSize: 10, saved: Self.payload(100, seed: 3), state: MigrationStateV1.stopAndCopy.rawValue)
    driver.misbehaviour = .pendingNeverShrinks
    #expect(throws: MigrationRegionV1Error.pendingBytesDidNotShrink(before: 100, after: 100)) {
      try region(driver).saveStopAndCopy { _ in }
    }
  }

  @Test("Empty chunks while pending_bytes creeps down by one end stop-and-copy at the first")
  func emptyChunks() throws {
    let driver = FakeVendorDriver(saved: Self.payload(100, seed: 8), state: MigrationStateV1.stopAndCopy.rawValue)
    driver.misbehaviour = .pendingDropsByOneWithEmptyChunks
    var consumed = 0
    #expect(throws: MigrationRegionV1Error.emptyChunk(pendingBytes: 100)) {
      try region(driver).saveStopAndCopy { _ in consumed += 1 }
    }
    #expect(consumed == 0)
  }

  @Test("Saving stops at the caller's limit, with the bytes saved and the limit")
  func saveLimit() throws {
    let driver = FakeVendorDriver(chunkSize: 10, saved: Self.payload(100, seed: 9), state: MigrationStateV1.stopAndCopy.rawValue)
    #expect(throws: MigrationRegionV1Error.saveLimitExceeded(saved: 30, limit: 30)) {
      try region(driver).saveStopAndCopy(limit: 30) { _ in }
    }
    let exact = FakeVendorDriver(chunkSize: 10, saved: Self.payload(100, seed: 9), state: MigrationStateV1.stopAndCopy.rawValue)
    #expect(try region(exact).saveStopAndCopy(limit: 100) { _ in } == 100)
    let chunkAboveLimit = FakeVendorDriver(chunkSize: 50, saved: Self.payload(100, seed: 9), state: MigrationStateV1.stopAndCopy.rawValue)
    #expect(throws: MigrationRegionV1Error.saveLimitExceeded(saved: 50, limit: 40)) {
      try region(chunkAboveLimit).saveStopAndCopy(limit: 40) { _ in }
    }
  }

  /// A region of 2^44 bytes whose driver reports a 2^44 - 64 byte chunk: zeros everywhere.
  final class HugeChunkDevice: MigrationRegionIO {
    static let size: UInt64 = 1 << 44
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
      buffer.initializeMemory(as: UInt8.self, repeating: 0)
      let field: UInt64? =
        switch UInt64(offset) {
        case MigrationRegionV1Layout.pendingBytes: Self.size
        case MigrationRegionV1Layout.dataOffset: MigrationRegionV1Layout.headerSize
        case MigrationRegionV1Layout.dataSize: Self.size - MigrationRegionV1Layout.headerSize
        default: nil
        }
      if let field, buffer.count == 8 { buffer.storeBytes(of: field, as: UInt64.self) }
      return buffer.count
    }
    func write(_ buffer: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int { buffer.count }
  }

  @Test("A 16 TiB chunk is read a bounded piece at a time, not allocated at once")
  func hugeChunkIsNotAllocated() throws {
    let region = try MigrationRegionV1(io: HugeChunkDevice(), offset: 0, size: HugeChunkDevice.size)
    var pieces: [Int] = []
    #expect(throws: MigrationRegionV1Error.consumer(.noSpace)) {
      try region.saveStopAndCopy(limit: .max) { piece throws(Errno) in
        pieces.append(piece.count)
        if pieces.count == 3 { throw .noSpace }
      }
    }
    #expect(pieces == Array(repeating: MigrationRegionV1<HugeChunkDevice>.transferBufferSize, count: 3))
  }

  @Test("Pre-copy against a device that never runs dry stops after the iterations asked for")
  func preCopyIsBounded() throws {
    let driver = FakeVendorDriver(chunkSize: 10, saved: Self.payload(100, seed: 4), state: MigrationStateV1.preCopy.rawValue)
    driver.misbehaviour = .pendingNeverShrinks
    var chunks = 0
    let pending = try region(driver).savePreCopy(maxIterations: 5) { _ in chunks += 1 }
    #expect(pending == 100)
    #expect(chunks == 5)
  }

  @Test("A read that returns no bytes is a short transfer, not a spin")
  func emptyRead() throws {
    let driver = FakeVendorDriver(saved: Self.payload(50, seed: 5), state: MigrationStateV1.stopAndCopy.rawValue)
    driver.misbehaviour = .emptyReads
    #expect(throws: MigrationRegionV1Error.shortTransfer(offset: 64, transferred: 0, expected: 50)) {
      try region(driver).saveStopAndCopy { _ in }
    }
  }

  @Test("I/O errors and consumer errors are reported")
  func failures() throws {
    let driver = FakeVendorDriver(saved: Self.payload(50, seed: 6), state: MigrationStateV1.stopAndCopy.rawValue)
    #expect(throws: MigrationRegionV1Error.consumer(.noSpace)) {
      try region(driver).saveStopAndCopy { _ throws(Errno) in throw .noSpace }
    }
    driver.misbehaviour = .failing(.ioError)
    #expect(throws: MigrationRegionV1Error.io(.ioError)) { try region(driver).deviceState() }
  }

  @Test("A chunk larger than the data section is refused before it is written")
  func chunkTooLarge() throws {
    let driver = FakeVendorDriver(regionSize: 128, dataSectionOffset: 64, state: MigrationStateV1.resuming.rawValue)
    #expect(throws: MigrationRegionV1Error.chunkTooLarge(chunkSize: 65, dataOffset: 64, regionSize: 128)) {
      try region(driver).resume(chunks: [[UInt8](repeating: 1, count: 65)])
    }
    #expect(driver.received.isEmpty)
  }

  @Test("A region smaller than its header, or beyond file offsets, is refused")
  func badRegions() throws {
    let driver = FakeVendorDriver(state: 0)
    let header = MigrationRegionV1Layout.headerSize
    #expect(throws: MigrationRegionV1Error.regionTooSmall(size: header - 1, headerSize: header)) {
      try MigrationRegionV1(io: driver, offset: 0, size: header - 1)
    }
    #expect(throws: MigrationRegionV1Error.regionBeyondFileOffsets(offset: UInt64(Int64.max), size: header)) {
      try MigrationRegionV1(io: driver, offset: UInt64(Int64.max), size: header)
    }
  }

  @Test("Forbidden state changes are refused before anything is written")
  func forbiddenTransitions() throws {
    let driver = FakeVendorDriver(state: MigrationStateV1.stopAndCopy.rawValue)
    #expect(throws: MigrationRegionV1Error.transition(.undocumentedArc(from: .stopAndCopy, to: .running))) {
      try region(driver).setDeviceState(.running)
    }
    #expect(throws: MigrationRegionV1Error.transition(.errorIsNotATarget)) {
      try region(driver).setDeviceState(.error)
    }
    #expect(!driver.log.contains(.writeState))
  }

  @Test("A real file descriptor: pread and pwrite at the region's offset")
  func realFile() throws {
    let path = "/tmp/swift-vfio-migration-region-\(getpid())"
    let fd = try FileDescriptor.open(path, .readWrite, options: [.create, .truncate], permissions: .ownerReadWrite)
    defer {
      try? fd.close()
      unlink(path)
    }
    let regionOffset: UInt64 = 0x1000
    let reserved: UInt32 = 0x1234_5678 & ~MigrationStateV1.mask.rawValue
    var image = [UInt8](repeating: 0, count: 128)
    image.withUnsafeMutableBytes {
      $0.storeBytes(of: reserved | MigrationStateV1.running.rawValue, toByteOffset: Int(MigrationRegionV1Layout.deviceState), as: UInt32.self)
    }
    _ = try image.withUnsafeBytes { try fd.write(toAbsoluteOffset: Int64(regionOffset), $0) }

    let region = try MigrationRegionV1(io: fd, offset: regionOffset, size: 128)
    #expect(try region.deviceState() == MigrationStateV1(rawValue: reserved | MigrationStateV1.running.rawValue))
    try region.setDeviceState(.stop)
    var word: UInt32 = 0
    _ = try withUnsafeMutableBytes(of: &word) {
      try fd.read(fromAbsoluteOffset: Int64(regionOffset + MigrationRegionV1Layout.deviceState), into: $0)
    }
    #expect(word == reserved)
    #expect(try region.pendingBytes() == 0)
    #expect(try region.saveStopAndCopy { _ in } == 0)
  }
}
