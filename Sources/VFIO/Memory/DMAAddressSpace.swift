/// What a device may do with memory mapped for DMA.
@frozen
public struct DMAAccess: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32
  @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Devices may read it.
  public static let read = DMAAccess(rawValue: 1 << 0)
  /// Devices may write it.
  public static let write = DMAAccess(rawValue: 1 << 1)
}

/// An IO address space devices reach memory through: a type1 ``VFIOContainer`` or an
/// iommufd ``IOAS``. One interface, so a VMM's memory code does not care which.
public protocol DMAAddressSpace: ~Copyable {
  /// Maps `memory` at `iova` and moves it into the returned mapping, which unmaps it
  /// before freeing it. On failure the memory is freed.
  func map(_ memory: consuming GuestMemory, iova: UInt64, access: DMAAccess) throws(VFIOError) -> DMAMapping

  /// Maps `size` bytes at `address` at `iova`, with no owner to unmap them.
  ///
  /// The caller guarantees that the memory stays mapped in this process, and is not
  /// replaced (`mmap(MAP_FIXED)`), until ``unmapDMA(iova:size:)`` removes the range:
  /// devices keep reaching the pages the kernel pinned here, whatever the process does
  /// with its own mapping of them.
  func unsafeMapDMA(address: UnsafeMutableRawPointer, size: UInt64, iova: UInt64, access: DMAAccess) throws(VFIOError)

  /// Removes the mappings inside `iova ..< iova + size`; returns how many bytes were unmapped.
  @discardableResult
  func unmapDMA(iova: UInt64, size: UInt64) throws(VFIOError) -> UInt64
}

extension DMAAddressSpace where Self: ~Copyable {
  /// ``map(_:iova:access:)`` of either space, given `space`, the duplicate of its descriptor the
  /// mapping unmaps through (and `ioas`, its IOAS under iommufd); `space` is closed on failure.
  internal func map(
    _ memory: consuming GuestMemory, iova: UInt64, access: DMAAccess, keeping space: CInt, ioas: IOASID?
  ) throws(VFIOError) -> DMAMapping {
    do { try unsafeMapDMA(address: memory.baseAddress, size: memory.size, iova: iova, access: access) } catch {
      _ = system_close(space)
      throw error
    }
    return DMAMapping(memory: memory, iova: iova, space: space, ioas: ioas)
  }
}
