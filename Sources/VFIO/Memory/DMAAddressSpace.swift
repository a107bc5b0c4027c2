import SystemPackage

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
///
/// Every request is checked against the ranges mapped through this value (by either call)
/// before the kernel sees it: an empty range, one that wraps around the IOVA space or one that
/// overlaps a live mapping is ``VFIOError/Reason/dma(_:)``. Threads may map and unmap disjoint
/// ranges at once.
public protocol DMAAddressSpace: ~Copyable, Sendable {
  /// Maps `memory` at `iova` and moves it into the returned mapping, which unmaps it
  /// before freeing it. On failure the memory is freed.
  ///
  /// - Parameters:
  ///   - memory: The memory devices may reach; it moves into the mapping.
  ///   - iova: The IO virtual address its first byte appears at.
  ///   - access: Whether devices may read it, write it, or both.
  ///   - granularity: The bytes of each piece mapped as its own IOMMU mapping, which
  ///     ``DMAMapping/unmapPieces(_:)`` can later unmap alone: a multiple of the memory's page
  ///     size dividing its size. nil maps the memory as one piece.
  func map(
    _ memory: consuming GuestMemory, iova: UInt64, access: DMAAccess, granularity: UInt64?
  ) throws(VFIOError) -> DMAMapping

  /// Maps `size` bytes at `address` at `iova`, with no owner to unmap them.
  ///
  /// The caller guarantees that the memory stays mapped in this process, and is not
  /// replaced (`mmap(MAP_FIXED)`), until ``unmapDMA(iova:size:)`` removes the range:
  /// devices keep reaching the pages the kernel pinned here, whatever the process does
  /// with its own mapping of them.
  func unsafeMapDMA(address: UnsafeMutableRawPointer, size: UInt64, iova: UInt64, access: DMAAccess) throws(VFIOError)

  /// Removes the mappings inside `iova ..< iova + size`; returns how many bytes were unmapped.
  ///
  /// A range a live ``DMAMapping`` holds is unmapped too when the kernel allows it (type1 and
  /// iommufd refuse to cut a mapping in two, but unmap a whole one), and the space forgets the
  /// mapping's range: the range may be mapped again, and the ``DMAMapping``, when it ends, unmaps
  /// nothing — so it never removes what another owner mapped there since — and frees its memory,
  /// which the device no longer reaches.
  @discardableResult
  func unmapDMA(iova: UInt64, size: UInt64) throws(VFIOError) -> UInt64
}

extension DMASpaceHandle {
  /// `unsafeMapDMA` of either space: checked against and recorded in `ranges`.
  static func checkedMap(
    _ fd: FileDescriptor, kind: DMASpaceKind, ranges: DMARanges,
    address: UnsafeMutableRawPointer, size: UInt64, iova: UInt64, access: DMAAccess
  ) throws(VFIOError) {
    do { try ranges.reserve(iova: iova, size: size) } catch {
      throw VFIOError(operation: kind.mapName, target: kind.describe(iova: iova, size: size), reason: .dma(error))
    }
    if case .failure(let errno) = kind.map(fd, address: address, size: size, iova: iova, access: access) {
      ranges.release(iova: iova, size: size)
      throw VFIOError(operation: kind.mapName, target: kind.describe(iova: iova, size: size), errno: errno)
    }
  }

  /// `unmapDMA` of either space; forgets the ranges it removed.
  static func checkedUnmap(
    _ fd: FileDescriptor, kind: DMASpaceKind, ranges: DMARanges, iova: UInt64, size: UInt64
  ) throws(VFIOError) -> UInt64 {
    do { _ = try DMARanges.span(iova: iova, size: size) } catch {
      throw VFIOError(operation: kind.unmapName, target: kind.describe(iova: iova, size: size), reason: .dma(error))
    }
    switch kind.unmap(fd, iova: iova, size: size) {
    case .success(let unmapped):
      ranges.release(iova: iova, size: size)
      return unmapped
    case .failure(let errno):
      throw VFIOError(operation: kind.unmapName, target: kind.describe(iova: iova, size: size), errno: errno)
    }
  }
}
