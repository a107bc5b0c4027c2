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

  /// A volatile-width load at `offset`: device registers must be read with the width they expect.
  public func load<T: FixedWidthInteger>(_: T.Type = T.self, at offset: Int) -> T? {
    guard offset >= 0, offset <= count - MemoryLayout<T>.size, offset % MemoryLayout<T>.alignment == 0
    else { return nil }
    return T(littleEndian: (baseAddress + offset).assumingMemoryBound(to: T.self).pointee)
  }

  /// A store of `value` at `offset`; false when it does not fit or is misaligned.
  @discardableResult
  public func store<T: FixedWidthInteger>(_ value: T, at offset: Int) -> Bool {
    guard offset >= 0, offset <= count - MemoryLayout<T>.size, offset % MemoryLayout<T>.alignment == 0
    else { return false }
    (baseAddress + offset).assumingMemoryBound(to: T.self).pointee = value.littleEndian
    return true
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
