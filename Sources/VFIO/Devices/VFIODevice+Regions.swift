import CVFIO
import SystemPackage

extension VFIODevice {
  /// `VFIO_DEVICE_GET_REGION_INFO` for region `index`, with its capability chain.
  ///
  /// The info remembers this device: passed to another device, it is refused with
  /// ``VFIOError/Reason/otherDevice(_:)`` before any system call.
  public func regionInfo(_ index: RegionIndex) throws(VFIOError) -> RegionInfoResult {
    let identity = self.identity
    return try fetchInfo(DeviceIoctl.getRegionInfo.name, on: "\(target), region \(index.rawValue)", wrap: {
      RegionInfo(rawValue: $0, owner: identity)
    }) {
      () throws(ArgumentSizeError) in try descriptor.regionInfo(index: index)
    }
  }

  /// Reads `buffer.count` bytes at `offset` within `region`.
  public func read(
    region: RegionInfo, at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer
  ) throws(VFIOError) {
    let position = try fileOffset(region, offset, UInt64(buffer.count), "pread")
    let done: Int
    do { done = try descriptor.fileDescriptor.read(into: buffer, at: position) } catch {
      throw VFIOError(operation: "pread", target: "\(target), region \(region.index.rawValue) offset \(offset)", errno: error)
    }
    guard done == buffer.count else {
      throw VFIOError(operation: "pread", target: "\(target), region \(region.index.rawValue) offset \(offset)", errno: .ioError)
    }
  }

  /// Writes `bytes` at `offset` within `region`.
  public func write(region: RegionInfo, at offset: UInt64, from bytes: UnsafeRawBufferPointer) throws(VFIOError) {
    let position = try fileOffset(region, offset, UInt64(bytes.count), "pwrite")
    let done: Int
    do { done = try descriptor.fileDescriptor.write(bytes, at: position) } catch {
      throw VFIOError(operation: "pwrite", target: "\(target), region \(region.index.rawValue) offset \(offset)", errno: error)
    }
    guard done == bytes.count else {
      throw VFIOError(operation: "pwrite", target: "\(target), region \(region.index.rawValue) offset \(offset)", errno: .ioError)
    }
  }

  /// A little-endian integer at `offset` within `region`, read with its own width.
  public func read<T: FixedWidthInteger>(_: T.Type = T.self, region: RegionInfo, at offset: UInt64) throws(VFIOError) -> T {
    var value = T.zero
    try withUnsafeMutableBytes(of: &value) { (buffer) throws(VFIOError) in
      try read(region: region, at: offset, into: buffer)
    }
    return T(littleEndian: value)
  }

  /// Writes `value` little-endian at `offset` within `region`, with its own width.
  public func write<T: FixedWidthInteger>(_ value: T, region: RegionInfo, at offset: UInt64) throws(VFIOError) {
    var value = value.littleEndian
    try withUnsafeBytes(of: &value) { (buffer) throws(VFIOError) in
      try write(region: region, at: offset, from: buffer)
    }
  }

  /// Maps one sparse mmap area of `region` (from its `.sparseMmap` capability).
  public func map(region: RegionInfo, area: SparseMmapArea, writable: Bool = true) throws(VFIOError) -> VFIOMapping {
    try map(region: region, offset: area.offset, size: area.size, writable: writable)
  }

  /// Maps `size` bytes (the rest of the region by default) starting `offset` bytes into
  /// `region` — a region flagged mmap-able, or one of its sparse mmap areas.
  public func map(
    region: RegionInfo, offset: UInt64 = 0, size: UInt64? = nil, writable: Bool = true
  ) throws(VFIOError) -> VFIOMapping {
    let length = size ?? (region.size >= offset ? region.size - offset : 0)
    let position = try fileOffset(region, offset, length, "mmap")
    guard let count = Int(exactly: length) else {
      throw VFIOError(operation: "mmap", target: "\(target), region \(region.index.rawValue)",
        reason: .outOfRange(offset: offset, count: length, limit: UInt64(Int.max)))
    }
    switch system_mmap(length: count, writable: writable, fileDescriptor: descriptor.fileDescriptor.rawValue, offset: position) {
    case .success(let address): return VFIOMapping(baseAddress: address, size: length)
    case .failure(let errno):
      throw VFIOError(operation: "mmap", target: "\(target), region \(region.index.rawValue) offset \(offset)", errno: errno)
    }
  }

  /// The file offset of `offset` in `region`; EINVAL when `count` bytes there leave the region.
  private func fileOffset(
    _ region: RegionInfo, _ offset: UInt64, _ count: UInt64, _ operation: String
  ) throws(VFIOError) -> Int64 {
    try checkOwner(of: region, operation)
    let (end, overflow) = offset.addingReportingOverflow(count)
    let (position, overflow2) = region.offset.addingReportingOverflow(offset)
    guard !overflow, !overflow2, end <= region.size, let result = Int64(exactly: position) else {
      throw VFIOError(operation: operation, target: "\(target), region \(region.index.rawValue)",
        reason: .outOfRange(offset: offset, count: count, limit: region.size))
    }
    return result
  }

  /// Refuses `region` when another device read it: its offset and size mean nothing here.
  internal func checkOwner(of region: RegionInfo, _ operation: String) throws(VFIOError) {
    guard region.owner == 0 || region.owner == identity else {
      throw VFIOError(operation: operation, target: "\(target), region \(region.index.rawValue)",
        reason: .otherDevice("region \(region.index.rawValue)"))
    }
  }
}
