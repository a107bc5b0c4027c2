import SystemPackage

/// The v1 migration region protocol (Linux 5.8–5.17), spoken over positional I/O.
///
/// The region starts with `struct vfio_device_migration_info`; the device places
/// saved data, or takes data to resume, in a data section it chooses through
/// `data_offset`. Everything the device reports is checked against the region's
/// bounds, and every loop is bounded, so a misbehaving driver yields an error.
public struct MigrationRegionV1<IO: MigrationRegionIO> {
  /// The file the region belongs to.
  public let io: IO
  /// Where the region starts within that file.
  public let offset: UInt64
  /// The region's size in bytes.
  public let size: UInt64

  /// - Parameters:
  ///   - io: Positional I/O on the file that holds the region (the device's descriptor).
  ///   - offset: The region's offset from `VFIO_DEVICE_GET_REGION_INFO`.
  ///   - size: The region's size from `VFIO_DEVICE_GET_REGION_INFO`.
  public init(io: IO, offset: UInt64, size: UInt64) throws(MigrationRegionV1Error) {
    guard size >= MigrationRegionV1Layout.headerSize else {
      throw .regionTooSmall(size: size, headerSize: MigrationRegionV1Layout.headerSize)
    }
    // pread/pwrite offsets are signed 64-bit: the whole region must be addressable.
    let (end, overflow) = offset.addingReportingOverflow(size)
    guard !overflow, end <= UInt64(Int64.max) else {
      throw .regionBeyondFileOffsets(offset: offset, size: size)
    }
    self.io = io
    self.offset = offset
    self.size = size
  }

  // MARK: device_state

  /// The `device_state` word, reserved bits included.
  public func deviceState() throws(MigrationRegionV1Error) -> MigrationStateV1 {
    MigrationStateV1(rawValue: try readField(UInt32.self, at: MigrationRegionV1Layout.deviceState))
  }

  /// Moves the device to `new` by read-modify-write, after checking the arc
  /// against the protocol; the reserved bits keep the device's values.
  /// - Returns: The word written.
  @discardableResult
  public func setDeviceState(_ new: MigrationStateV1) throws(MigrationRegionV1Error) -> MigrationStateV1 {
    let current = try deviceState()
    do {
      try current.checkTransition(to: new)
    } catch {
      throw .transition(error)
    }
    let written = current.applying(new)
    try writeField(written.rawValue, at: MigrationRegionV1Layout.deviceState)
    return written
  }

  // MARK: Saving

  /// `pending_bytes`: what the device still has to hand over. Reading it also
  /// tells the device that the previous chunk has been consumed.
  public func pendingBytes() throws(MigrationRegionV1Error) -> UInt64 {
    try readField(UInt64.self, at: MigrationRegionV1Layout.pendingBytes)
  }

  /// The most bytes ``saveStopAndCopy(limit:_:)`` saves unless told otherwise: 64 GiB,
  /// beyond any device state a v1 driver has shipped.
  public static var defaultSaveLimit: UInt64 { 64 << 30 }

  /// The most bytes read from the data section at a time: a chunk the device reports is
  /// handed to the consumer in pieces of at most this size, so the memory the package
  /// allocates does not depend on what the driver claims.
  public static var transferBufferSize: Int { 1 << 20 }

  /// The stop-and-copy save loop: read pending_bytes, then data_offset, data_size
  /// and the data, until pending_bytes is 0.
  ///
  /// The device is stopped, so every iteration must move data and shrink
  /// pending_bytes; a device that offers an empty chunk, whose count does not
  /// shrink, or that keeps producing past `limit` bytes is reported rather than
  /// looped on.
  /// - Parameters:
  ///   - limit: The most bytes to save (``defaultSaveLimit`` unless a device needs more).
  ///   - consume: Receives the data in order, in pieces of at most ``transferBufferSize``
  ///     bytes; the buffer is valid only during the call.
  /// - Returns: The number of bytes saved.
  @discardableResult
  public func saveStopAndCopy(
    limit: UInt64 = defaultSaveLimit, _ consume: (UnsafeRawBufferPointer) throws(Errno) -> Void
  ) throws(MigrationRegionV1Error) -> UInt64 {
    var pending = try pendingBytes()
    var saved: UInt64 = 0
    while pending > 0 {
      let chunk = try saveChunk(limit: limit - saved, consume)
      guard chunk > 0 else { throw .emptyChunk(pendingBytes: pending) }
      saved += chunk
      let after = try pendingBytes()
      guard after < pending else { throw .pendingBytesDidNotShrink(before: pending, after: after) }
      pending = after
      guard pending == 0 || saved < limit else { throw .saveLimitExceeded(saved: saved, limit: limit) }
    }
    return saved
  }

  /// The pre-copy save loop: as ``saveStopAndCopy(limit:_:)``, but the device still runs
  /// and may add data as fast as it is read, so it stops after `maxIterations` chunks.
  /// - Returns: pending_bytes after the last chunk (0 when the device has no more for now).
  public func savePreCopy(
    maxIterations: Int, _ consume: (UnsafeRawBufferPointer) throws(Errno) -> Void
  ) throws(MigrationRegionV1Error) -> UInt64 {
    var pending = try pendingBytes()
    var iterations = 0
    while pending > 0 && iterations < maxIterations {
      try saveChunk(limit: .max, consume)
      pending = try pendingBytes()
      iterations += 1
    }
    return pending
  }

  /// One iteration: data_offset (the device prepares a chunk), data_size, the data, read
  /// and consumed a bounded piece at a time.
  @discardableResult
  private func saveChunk(
    limit: UInt64, _ consume: (UnsafeRawBufferPointer) throws(Errno) -> Void
  ) throws(MigrationRegionV1Error) -> UInt64 {
    let dataOffset = try readField(UInt64.self, at: MigrationRegionV1Layout.dataOffset)
    let dataSize = try readField(UInt64.self, at: MigrationRegionV1Layout.dataSize)
    let count = try checkedDataRange(offset: dataOffset, size: dataSize)
    guard dataSize <= limit else { throw .saveLimitExceeded(saved: dataSize, limit: limit) }
    let piece = UnsafeMutableRawBufferPointer.allocate(
      byteCount: Swift.max(1, Swift.min(count, Self.transferBufferSize)), alignment: 1)
    defer { piece.deallocate() }
    var done = 0
    while done < count {
      let part = UnsafeMutableRawBufferPointer(rebasing: piece[..<Swift.min(piece.count, count - done)])
      try readFully(into: part, at: dataOffset + UInt64(done))
      do {
        try consume(UnsafeRawBufferPointer(part))
      } catch {
        throw .consumer(error)
      }
      done += part.count
    }
    return dataSize
  }

  // MARK: Resuming

  /// One resume iteration: read data_offset, write the chunk there, write its
  /// size to data_size (which hands it to the device).
  ///
  /// Chunks must be written in the order, and with the sizes, they were saved in.
  public func resume(chunk: UnsafeRawBufferPointer) throws(MigrationRegionV1Error) {
    let dataOffset = try readField(UInt64.self, at: MigrationRegionV1Layout.dataOffset)
    let room = try checkedDataRange(offset: dataOffset, size: 0, spaceAfter: true)
    guard chunk.count <= room else {
      throw .chunkTooLarge(chunkSize: chunk.count, dataOffset: dataOffset, regionSize: size)
    }
    try writeFully(chunk, at: dataOffset)
    try writeField(UInt64(chunk.count), at: MigrationRegionV1Layout.dataSize)
  }

  /// The resume loop over saved chunks.
  public func resume(chunks: some Sequence<[UInt8]>) throws(MigrationRegionV1Error) {
    for chunk in chunks {
      // Array.withUnsafeBytes rethrows untyped errors; carry the typed one out in a Result.
      try chunk.withUnsafeBytes { bytes in
        Result { () throws(MigrationRegionV1Error) in try resume(chunk: bytes) }
      }.get()
    }
  }

  // MARK: Bounds

  /// Checks that `size` bytes at `offset` lie in the data section (after the
  /// header, inside the region) and returns the byte count, or with `spaceAfter`
  /// the room from `offset` to the region's end.
  private func checkedDataRange(
    offset: UInt64, size: UInt64, spaceAfter: Bool = false
  ) throws(MigrationRegionV1Error) -> Int {
    let outside = MigrationRegionV1Error.dataOutsideRegion(dataOffset: offset, dataSize: size, regionSize: self.size)
    guard offset >= MigrationRegionV1Layout.headerSize, offset <= self.size,
      size <= self.size - offset
    else { throw outside }
    guard let count = Int(exactly: spaceAfter ? self.size - offset : size) else { throw outside }
    return count
  }

  // MARK: I/O

  private func readField<Field: FixedWidthInteger>(
    _: Field.Type, at fieldOffset: UInt64
  ) throws(MigrationRegionV1Error) -> Field {
    var value = Field.zero
    try withUnsafeMutableBytes(of: &value) { bytes throws(MigrationRegionV1Error) in
      try readFully(into: bytes, at: fieldOffset)
    }
    return value
  }

  private func writeField<Field: FixedWidthInteger>(
    _ value: Field, at fieldOffset: UInt64
  ) throws(MigrationRegionV1Error) {
    try withUnsafeBytes(of: value) { bytes throws(MigrationRegionV1Error) in
      try writeFully(bytes, at: fieldOffset)
    }
  }

  /// `regionOffset` is relative to the region; callers have checked it lies inside.
  private func readFully(
    into buffer: UnsafeMutableRawBufferPointer, at regionOffset: UInt64
  ) throws(MigrationRegionV1Error) {
    try transferFully(buffer.count, at: regionOffset) { done, position throws(Errno) in
      try io.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]), at: position)
    }
  }

  private func writeFully(
    _ buffer: UnsafeRawBufferPointer, at regionOffset: UInt64
  ) throws(MigrationRegionV1Error) {
    try transferFully(buffer.count, at: regionOffset) { done, position throws(Errno) in
      try io.write(UnsafeRawBufferPointer(rebasing: buffer[done...]), at: position)
    }
  }

  /// Repeats `step` until `total` bytes have moved. A step gets the bytes moved
  /// so far and the file position to go on from, and returns how many it moved;
  /// none, or more than was asked, is a short transfer rather than a spin.
  private func transferFully(
    _ total: Int, at regionOffset: UInt64,
    _ step: (_ done: Int, _ position: Int64) throws(Errno) -> Int
  ) throws(MigrationRegionV1Error) {
    var done = 0
    while done < total {
      let count: Int
      do {
        count = try step(done, Int64(offset + regionOffset + UInt64(done)))
      } catch {
        throw .io(error)
      }
      guard count > 0, count <= total - done else {
        throw .shortTransfer(offset: regionOffset, transferred: done, expected: total)
      }
      done += count
    }
  }
}

extension MigrationRegionV1: Sendable where IO: Sendable {}
