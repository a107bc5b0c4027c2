import CVFIO
import SystemPackage

/// Every mmap-able area of one device region mapped into this process, as one owner: loads and
/// stores at any offset of the region go through the mapping where it is mapped and through
/// `pread`/`pwrite` on the device elsewhere (the MSI-X table a kernel keeps unmappable, a BAR
/// without mmap).
///
/// Made by ``VFIODevice/map(region:)``. It keeps its own descriptor of the device, so it
/// stays usable after the device value is closed, and the kernel releases the device (see
/// ``VFIODevice/close()``) only once it ends; the areas are unmapped and the descriptor closed
/// when it goes out of scope.
///
/// It is `Sendable`: many threads may load and store at once, as the kernel allows concurrent MMIO
/// and concurrent `pread`/`pwrite` on a device file. Ordering between threads is the caller's, as
/// with any device register.
// @unchecked: it holds raw pointers to device memory, which Swift cannot prove safe to share; they
// and every other stored property are immutable from creation to deinit, and each access is one
// volatile load or store or one positioned system call.
public struct VFIORegionMapping: ~Copyable, @unchecked Sendable {
  /// The region, as `VFIO_DEVICE_GET_REGION_INFO` described it when it was mapped.
  public let region: RegionInfo
  /// Each mapped area and its first byte in this process. A buffer, not an array, so that every
  /// stored property is trivially destroyed and ``unmap()`` can `discard self`.
  private let entries: UnsafeMutableBufferPointer<MappedArea>
  /// Whether the areas were mapped writable; stores to read-only ones go to `pwrite`.
  private let writable: Bool
  private let descriptor: CInt

  internal struct MappedArea {
    let area: SparseMmapArea
    let base: UnsafeMutableRawPointer
  }

  /// The most mmap areas one region may have before the package refuses it (real devices have a
  /// handful; each is an `mmap` and a mapping).
  public static var areaLimit: Int { 256 }

  internal init(region: RegionInfo, areas: [MappedArea], writable: Bool, descriptor: CInt) {
    self.region = region
    entries = .allocate(capacity: areas.count)
    _ = entries.initialize(from: areas)
    self.writable = writable
    self.descriptor = descriptor
  }

  deinit { _ = VFIORegionMapping.release(entries, descriptor) }

  private static func release(_ entries: UnsafeMutableBufferPointer<MappedArea>, _ descriptor: CInt) -> Errno? {
    var failure: Errno?
    for entry in entries {
      if let errno = system_munmap(entry.base, Int(entry.area.size)) { failure = failure ?? errno }
    }
    entries.deallocate()
    _ = system_close(descriptor)
    return failure
  }

  /// Unmaps every area and closes the descriptor now, reporting the first failure of munmap(2).
  public consuming func unmap() throws(VFIOError) {
    let (entries, descriptor, index) = (self.entries, self.descriptor, region.index.rawValue)
    discard self
    if let errno = VFIORegionMapping.release(entries, descriptor) {
      throw VFIOError(operation: "munmap", target: "mapping of region \(index)", errno: errno)
    }
  }

  /// The mapped areas, in the kernel's order; offsets are within the region.
  public var mappedAreas: [SparseMmapArea] { entries.map(\.area) }

  /// Whether all `count` bytes at `offset` are mmapped (in one area): loads and stores there are MMIO.
  public func isMapped(offset: UInt64, count: UInt64 = 1) -> Bool { unsafeAddress(of: offset, count: count) != nil }

  /// Where the `count` bytes at `offset` of the region are in this process, when one area maps them
  /// all; unchecked: nothing stops its use after this value is gone, and plain accesses through it
  /// are not MMIO (the compiler may merge, split or drop them). Use ``load(_:at:)`` and
  /// ``store(_:at:)`` for registers.
  public func unsafeAddress(of offset: UInt64, count: UInt64) -> UnsafeMutableRawPointer? {
    for entry in entries where entry.area.contains(offset: offset, count: count) {
      return entry.base + Int(offset - entry.area.offset)
    }
    return nil
  }

  /// A little-endian load of `T` (1, 2, 4 or 8 bytes, naturally aligned) at `offset` in the region:
  /// one volatile access where mapped, one `pread` of that width elsewhere.
  ///
  /// - Throws: ``VFIOError/Reason/outOfRange(offset:count:limit:)`` when it does not fit in the
  ///   region, is misaligned or `T` has another width; the kernel's errno for a failed `pread`
  ///   (`EIO` for a short one).
  public func load<T: FixedWidthInteger>(_: T.Type = T.self, at offset: UInt64) throws(VFIOError) -> T {
    let position = try checked(T.self, at: offset, "load")
    if let address = unsafeAddress(of: offset, count: UInt64(MemoryLayout<T>.size)) {
      return MMIO.load(T.self, UnsafeRawPointer(address))
    }
    var value = T.zero
    try withUnsafeMutableBytes(of: &value) { (buffer) throws(VFIOError) in
      let result = Result { () throws(Errno) in try FileDescriptor(rawValue: descriptor).read(into: buffer, at: position) }
      try moved(result, buffer.count, "pread", offset)
    }
    return T(littleEndian: value)
  }

  /// A little-endian store of `value` (1, 2, 4 or 8 bytes, naturally aligned) at `offset` in the
  /// region: one volatile access where mapped, one `pwrite` of that width elsewhere.
  ///
  /// - Throws: as ``load(_:at:)``, with `pwrite`.
  public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(VFIOError) {
    let position = try checked(T.self, at: offset, "store")
    if writable, let address = unsafeAddress(of: offset, count: UInt64(MemoryLayout<T>.size)) {
      MMIO.store(value, address)
      return
    }
    var value = value.littleEndian
    try withUnsafeBytes(of: &value) { (buffer) throws(VFIOError) in
      let result = Result { () throws(Errno) in try FileDescriptor(rawValue: descriptor).write(buffer, at: position) }
      try moved(result, buffer.count, "pwrite", offset)
    }
  }

  /// The file position of an access of `T` at `offset`, after checking width, alignment and bounds.
  private func checked<T: FixedWidthInteger>(_: T.Type, at offset: UInt64, _ operation: String) throws(VFIOError) -> Int64 {
    let width = UInt64(MemoryLayout<T>.size)
    let (position, overflow) = region.offset.addingReportingOverflow(offset)
    guard [1, 2, 4, 8].contains(width), region.size >= width, offset <= region.size - width, offset % width == 0,
      !overflow, let result = Int64(exactly: position)
    else {
      throw VFIOError(
        operation: "\(operation) of \(width) bytes", target: "mapping of region \(region.index.rawValue)",
        reason: .outOfRange(offset: offset, count: width, limit: region.size))
    }
    return result
  }

  private func moved(_ result: Result<Int, Errno>, _ count: Int, _ operation: String, _ offset: UInt64) throws(VFIOError) {
    let place = "mapping of region \(region.index.rawValue), offset \(offset)"
    switch result {
    case .success(let done) where done == count: return
    case .success: throw VFIOError(operation: operation, target: place, errno: .ioError)
    case .failure(let errno): throw VFIOError(operation: operation, target: place, errno: errno)
    }
  }
}
