import SystemPackage

/// Anonymous memory the package maps for a VMM to lend devices: guest RAM, DMA buffers.
/// Unmapped when it goes out of scope.
///
/// Handing it to ``DMAAddressSpace/map(_:iova:access:)`` moves it into the ``DMAMapping``,
/// so memory a device can reach cannot be freed while the IOMMU still maps it.
public struct GuestMemory: ~Copyable {
  /// The first byte: page-aligned.
  public let baseAddress: UnsafeMutableRawPointer
  /// The length in bytes, a whole number of pages.
  public let size: UInt64

  /// Zeroed, private, read-write memory of `size` bytes rounded up to whole pages.
  public init(size: UInt64) throws(VFIOError) {
    let page = UInt64(system_pageSize())
    let (rounded, overflow) = size.addingReportingOverflow(page - 1)
    guard size > 0, !overflow, let length = Int(exactly: rounded / page * page) else {
      throw VFIOError(operation: "mmap", target: "\(size) anonymous bytes", reason: .outOfRange(
        offset: 0, count: size, limit: UInt64(Int.max)))
    }
    switch system_mmap(length: length, writable: true, fileDescriptor: nil, offset: 0) {
    case .success(let address): self.init(unsafeAdopting: address, size: UInt64(length))
    case .failure(let errno): throw VFIOError(operation: "mmap", target: "\(size) anonymous bytes", errno: errno)
    }
  }

  internal init(unsafeAdopting address: UnsafeMutableRawPointer, size: UInt64) {
    baseAddress = address
    self.size = size
  }

  deinit { _ = system_munmap(baseAddress, Int(size)) }

  /// The memory's bytes, valid while this value (or the mapping it moved into) lives.
  public var bytes: UnsafeMutableRawBufferPointer {
    UnsafeMutableRawBufferPointer(start: baseAddress, count: Int(size))
  }

  /// Gives up ownership without unmapping: the caller now owns the pages.
  internal consuming func release() -> (address: UnsafeMutableRawPointer, size: UInt64) {
    let result = (baseAddress, size)
    discard self
    return result
  }
}
