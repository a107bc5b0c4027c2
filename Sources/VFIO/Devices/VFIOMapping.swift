import CVFIO
import SystemPackage

/// A device region (or one sparse mmap area of it) mapped into this process, unmapped when
/// it goes out of scope. Offsets and sizes are `UInt64`, as the region's own.
///
/// The mmap is a reference to the device's file: it stays usable after the device value's
/// ``VFIODevice/close()``, and the kernel releases the device only once it is unmapped.
///
/// Device memory is reached through ``load(_:at:)`` and ``store(_:at:)``: one volatile access of
/// the register's width each. Plain bytes are only behind `unsafe` names, because the compiler
/// may merge, split, reorder or drop plain loads and stores, which a register does not survive.
public struct VFIOMapping: ~Copyable, @unchecked Sendable {
  /// The first mapped byte, unchecked: nothing stops its use after ``unmap()``, and plain
  /// accesses through it are not MMIO (see the type's discussion).
  public let unsafeBaseAddress: UnsafeMutableRawPointer
  /// The mapping's length in bytes.
  public let size: UInt64

  internal init(baseAddress: UnsafeMutableRawPointer, size: UInt64) {
    unsafeBaseAddress = baseAddress
    self.size = size
  }

  deinit { _ = system_munmap(unsafeBaseAddress, Int(size)) }

  /// The mapped bytes as plain memory, unchecked: for a region that is memory rather than
  /// registers (a GPU's aperture, a mediated device's framebuffer) or a C call that does its own
  /// volatile accesses. Nothing stops its use after ``unmap()``.
  public var unsafeBytes: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(start: unsafeBaseAddress, count: Int(size)) }

  /// A little-endian load at `offset`, issued once as one volatile access of
  /// `T`'s width (1, 2, 4 or 8 bytes), as device registers require.
  ///
  /// - Throws: ``VFIOError/Reason/outOfRange(offset:count:limit:)`` when it does not fit,
  ///   is misaligned, or `T` has another width.
  public func load<T: FixedWidthInteger>(_: T.Type = T.self, at offset: UInt64) throws(VFIOError) -> T {
    MMIO.load(T.self, UnsafeRawPointer(try checked(T.self, at: offset, "load")))
  }

  /// A little-endian store of `value` at `offset`, one volatile access of its width.
  ///
  /// - Throws: ``VFIOError/Reason/outOfRange(offset:count:limit:)`` when it does not fit,
  ///   is misaligned, or `T` has another width.
  public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(VFIOError) {
    MMIO.store(value, try checked(T.self, at: offset, "store"))
  }

  private func checked<T: FixedWidthInteger>(_: T.Type, at offset: UInt64, _ operation: String) throws(VFIOError)
    -> UnsafeMutableRawPointer
  {
    let width = UInt64(MemoryLayout<T>.size)
    guard [1, 2, 4, 8].contains(width), size >= width, offset <= size - width, offset % width == 0 else {
      throw VFIOError(
        operation: "\(operation) of \(width) bytes", target: "mapping at \(unsafeBaseAddress)",
        reason: .outOfRange(offset: offset, count: width, limit: size))
    }
    return unsafeBaseAddress + Int(offset)
  }

  /// Unmaps now, reporting what munmap(2) returned.
  public consuming func unmap() throws(VFIOError) {
    let (address, size) = (unsafeBaseAddress, self.size)
    discard self
    if let errno = system_munmap(address, Int(size)) {
      throw VFIOError(operation: "munmap", target: "\(size) bytes at \(address)", errno: errno)
    }
  }
}
