import SystemPackage

/// Guest memory mapped for DMA: owns the memory and a descriptor of the address space, and
/// unmaps from the IOMMU before freeing the memory when it goes out of scope.
///
/// The memory is mapped in pieces of ``granularity`` bytes, each its own IOMMU mapping (one
/// piece, the whole memory, unless asked otherwise), so that whole pieces can be unmapped
/// and mapped again while the memory stays: a balloon or virtio-mem giving memory back, a
/// hot-unplugged DIMM. Neither type1 nor iommufd splits a mapping: type1 (v2) refuses an
/// unmap that cuts one with `EINVAL`, iommufd with `ENOENT`; they differ where nothing is
/// mapped — type1 unmaps 0 bytes and succeeds, iommufd fails with `ENOENT`.
///
/// It keeps its own descriptor of the container or iommufd, so it can unmap even after the
/// value it was made from is closed; the address space lives as long as its mappings.
/// It is `Sendable`, and its pieces may be unmapped and mapped from several threads: those
/// requests take turns on the mapping's own lock.
public struct DMAMapping: ~Copyable, OwnedMemory, Sendable {
  internal let core: DMAMappingCore

  internal init(_ core: DMAMappingCore) { self.core = core }

  /// Where devices see the first byte.
  public var iova: UInt64 { core.iova }
  /// The first byte in this process.
  public var baseAddress: UnsafeMutableRawPointer { core.memory.address }
  /// The length in bytes.
  public var size: UInt64 { core.memory.size }
  /// The bytes of each piece that is mapped and unmapped as one.
  public var granularity: UInt64 { core.granularity }
  /// The memory's file (memfd, or the caller's file), as ``GuestMemory/fileDescriptor``.
  public var fileDescriptor: FileDescriptor? { core.memory.file < 0 ? nil : FileDescriptor(rawValue: core.memory.file) }

  /// The mapped memory as a raw buffer, unchecked: nothing stops its use after this mapping is gone
  /// (``OwnedMemory/unsafeBytes`` says when to use it).
  public var unsafeBytes: UnsafeMutableRawBufferPointer {
    UnsafeMutableRawBufferPointer(start: core.memory.address, count: Int(core.memory.size))
  }

  /// Whether the piece holding byte `offset` is mapped in the IOMMU now.
  public func isMapped(at offset: UInt64) -> Bool { core.isMapped(at: offset) }

  /// Unmaps the pieces of `offsets` (a range of the memory, in whole pieces, every one mapped)
  /// from the IOMMU, keeping the memory: devices no longer reach it.
  public func unmapPieces(_ offsets: Range<UInt64>) throws(VFIOError) { try core.setPieces(offsets, mapped: false) }

  /// Maps the pieces of `offsets` (whole pieces, every one unmapped) again, at the IOVAs they had.
  public func mapPieces(_ offsets: Range<UInt64>) throws(VFIOError) { try core.setPieces(offsets, mapped: true) }

  /// Unmaps from the IOMMU and gives the memory back.
  ///
  /// When the IOMMU refuses, the memory is kept mapped in this process (devices may still reach
  /// it) and leaked rather than freed.
  public consuming func unmap() throws(VFIOError) -> GuestMemory {
    GuestMemory(unsafeAdopting: try core.unmapAndRelease())
  }
}

extension DMAAddressSpace where Self: ~Copyable {
  /// Maps `memory` in pieces through `handle`, which it keeps.
  internal func makeMapping(
    _ memory: consuming GuestMemory, iova: UInt64, access: DMAAccess, granularity: UInt64?, handle: DMASpaceHandle
  ) throws(VFIOError) -> DMAMapping {
    DMAMapping(try DMAMappingCore(memory.release(), iova: iova, access: access, granularity: granularity, space: handle))
  }
}
