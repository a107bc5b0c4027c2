import CVFIO
import SystemPackage

/// Memory mapped into this process — a device region or sparse area, or
/// anonymous memory to lend a device for DMA — unmapped when it goes out of scope.
public struct VFIOMapping: ~Copyable {
  /// The first mapped byte.
  public let baseAddress: UnsafeMutableRawPointer
  /// The mapping's length in bytes.
  public let count: Int

  internal init(baseAddress: UnsafeMutableRawPointer, count: Int) {
    self.baseAddress = baseAddress
    self.count = count
  }

  deinit { _ = system_munmap(baseAddress, count) }

  /// Anonymous, zeroed, page-aligned memory of `count` bytes.
  public static func anonymous(count: Int) throws(VFIOError) -> VFIOMapping {
    switch system_mmap(length: count, writable: true, fileDescriptor: nil, offset: 0) {
    case .success(let address): return VFIOMapping(baseAddress: address, count: count)
    case .failure(let errno): throw VFIOError(operation: "mmap", target: "\(count) anonymous bytes", errno: errno)
    }
  }

  /// The mapped bytes.
  public var bytes: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(start: baseAddress, count: count) }

  /// A little-endian load at `offset`, issued once as one volatile access of
  /// `T`'s width (1, 2, 4 or 8 bytes), as device registers require; nil when it
  /// does not fit, is misaligned, or `T` has another width.
  public func load<T: FixedWidthInteger>(_: T.Type = T.self, at offset: Int) -> T? {
    guard fits(T.self, at: offset) else { return nil }
    let address = UnsafeRawPointer(baseAddress + offset)
    let raw: UInt64
    switch MemoryLayout<T>.size {
    case 1: raw = UInt64(cvfio_mmio_read8(address))
    case 2: raw = UInt64(UInt16(littleEndian: cvfio_mmio_read16(address)))
    case 4: raw = UInt64(UInt32(littleEndian: cvfio_mmio_read32(address)))
    default: raw = UInt64(littleEndian: cvfio_mmio_read64(address))
    }
    return T(truncatingIfNeeded: raw)
  }

  /// A little-endian store of `value` at `offset`, one volatile access of its
  /// width; false when it does not fit, is misaligned, or `T` has another width.
  @discardableResult
  public func store<T: FixedWidthInteger>(_ value: T, at offset: Int) -> Bool {
    guard fits(T.self, at: offset) else { return false }
    let address = baseAddress + offset
    switch MemoryLayout<T>.size {
    case 1: cvfio_mmio_write8(address, UInt8(truncatingIfNeeded: value))
    case 2: cvfio_mmio_write16(address, UInt16(truncatingIfNeeded: value).littleEndian)
    case 4: cvfio_mmio_write32(address, UInt32(truncatingIfNeeded: value).littleEndian)
    default: cvfio_mmio_write64(address, UInt64(truncatingIfNeeded: value).littleEndian)
    }
    return true
  }

  private func fits<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> Bool {
    let width = MemoryLayout<T>.size
    return [1, 2, 4, 8].contains(width) && offset >= 0 && offset <= count - width && offset % width == 0
  }

  /// Unmaps now, reporting what munmap(2) returned.
  public consuming func unmap() throws(VFIOError) {
    let (address, count) = (baseAddress, self.count)
    discard self
    if let errno = system_munmap(address, count) {
      throw VFIOError(operation: "munmap", target: "\(count) bytes at \(address)", errno: errno)
    }
  }
}
