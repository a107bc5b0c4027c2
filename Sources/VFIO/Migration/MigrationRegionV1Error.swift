import SystemPackage

/// Why the v1 migration region protocol stopped.
public enum MigrationRegionV1Error: Error, Hashable, Sendable {
  /// Reading or writing the region failed.
  case io(Errno)
  /// A read or write moved no bytes before the field or data was complete.
  case shortTransfer(offset: UInt64, transferred: Int, expected: Int)
  /// The region cannot even hold `struct vfio_device_migration_info`.
  case regionTooSmall(size: UInt64, headerSize: UInt64)
  /// The region ends beyond the largest file offset pread/pwrite accept.
  case regionBeyondFileOffsets(offset: UInt64, size: UInt64)
  /// The device placed data where the region has none: before the end of the
  /// header, past the region's end, or wrapping around 64 bits.
  case dataOutsideRegion(dataOffset: UInt64, dataSize: UInt64, regionSize: UInt64)
  /// A chunk to resume does not fit the data section the device offers.
  case chunkTooLarge(chunkSize: Int, dataOffset: UInt64, regionSize: UInt64)
  /// In stop-and-copy the device is stopped, so each iteration must shrink
  /// pending_bytes; one that does not would repeat forever.
  case pendingBytesDidNotShrink(before: UInt64, after: UInt64)
  /// The device offered a chunk of 0 bytes while pending_bytes was not 0: no progress.
  case emptyChunk(pendingBytes: UInt64)
  /// Stop-and-copy saved more than the caller's limit without the device running dry.
  case saveLimitExceeded(saved: UInt64, limit: UInt64)
  /// The state change breaks the protocol.
  case transition(MigrationTransitionV1Error)
  /// The caller's consumer of saved data failed.
  case consumer(Errno)
}

extension MigrationRegionV1Error: CustomStringConvertible {
  public var description: String {
    switch self {
    case .io(let errno): "migration region I/O failed: \(errno)"
    case .shortTransfer(let offset, let transferred, let expected):
      "migration region transfer at offset \(offset) stopped after \(transferred) of \(expected) bytes"
    case .regionTooSmall(let size, let headerSize):
      "migration region of \(size) bytes cannot hold its \(headerSize)-byte header"
    case .regionBeyondFileOffsets(let offset, let size):
      "migration region at offset \(offset) size \(size) ends beyond the largest file offset"
    case .dataOutsideRegion(let dataOffset, let dataSize, let regionSize):
      "device data at offset \(dataOffset) size \(dataSize) lies outside the data section of a \(regionSize)-byte region"
    case .chunkTooLarge(let chunkSize, let dataOffset, let regionSize):
      "a \(chunkSize)-byte chunk does not fit at data offset \(dataOffset) of a \(regionSize)-byte region"
    case .pendingBytesDidNotShrink(let before, let after):
      "pending_bytes went from \(before) to \(after) in stop-and-copy; the save loop would never end"
    case .transition(let error): error.description
    case .emptyChunk(let pending):
      "the device offered an empty chunk with \(pending) bytes pending: no progress"
    case .saveLimitExceeded(let saved, let limit):
      "stop-and-copy saved \(saved) bytes, more than the limit of \(limit), and the device still had data pending"
    case .consumer(let errno): "the consumer of saved data failed: \(errno)"
    }
  }
}
