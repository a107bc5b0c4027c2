import CVFIO
import SystemPackage

/// An iommufd IO address space: devices attached to it reach the memory mapped into it.
/// Destroyed when it goes out of scope (the kernel refuses while a device is still attached).
///
/// It keeps its own descriptor of the iommufd, so it outlives the ``IOMMUFD`` value it came from.
public struct IOAS: ~Copyable, Sendable {
  /// The IOAS's object id in its iommufd (`out_ioas_id` of `IOMMU_IOAS_ALLOC`).
  public let id: IOASID
  internal let iommufd: OwnedDescriptor
  internal let dmaRanges = DMARanges()

  internal var descriptor: IOMMUFDDescriptor { IOMMUFDDescriptor(iommufd.fileDescriptor) }
  internal var target: String { "iommufd, \(id)" }

  internal init(id: IOASID, iommufd: consuming OwnedDescriptor) {
    self.id = id
    self.iommufd = iommufd
  }

  deinit { try? descriptor.destroy(id.rawValue, on: target) }

  /// `IOMMU_IOAS_IOVA_RANGES`: the usable IOVA ranges (inclusive) and the alignment mappings need;
  /// more than `limit` is ``VFIOError/Reason/countAboveLimit(what:count:limit:)``.
  public func iovaRanges(limit: UInt32 = IOMMUFD.maximumIOVARanges) throws(VFIOError)
    -> (ranges: [ClosedRange<UInt64>], alignment: UInt64)
  {
    try descriptor.iovaRanges(ioas: id, limit: limit, on: "iommufd")
  }
}

extension IOAS: DMAAddressSpace {
  /// `IOMMU_IOAS_MAP` of `memory` at a fixed IOVA (one request per piece of `granularity`
  /// bytes); the returned mapping owns the memory.
  public func map(
    _ memory: consuming GuestMemory, iova: UInt64, access: DMAAccess = [.read, .write], granularity: UInt64? = nil
  ) throws(VFIOError) -> DMAMapping {
    let space = try descriptor.duplicate(for: IOMMUFDIoctl.ioasMap.name, on: target)
    let handle = DMASpaceHandle(fd: space, kind: .ioas(id), ranges: dmaRanges)
    return try makeMapping(memory, iova: iova, access: access, granularity: granularity, handle: handle)
  }

  /// `IOMMU_IOAS_MAP` at a fixed IOVA: `size` bytes at `address` become visible at `iova`
  /// to every device attached to this IOAS.
  public func unsafeMapDMA(
    address: UnsafeMutableRawPointer, size: UInt64, iova: UInt64, access: DMAAccess = [.read, .write]
  ) throws(VFIOError) {
    try DMASpaceHandle.checkedMap(
      descriptor.fileDescriptor, kind: .ioas(id), ranges: dmaRanges, address: address, size: size, iova: iova, access: access)
  }

  /// `IOMMU_IOAS_UNMAP`: removes the mappings inside `iova ..< iova + size`;
  /// returns how many bytes were unmapped.
  @discardableResult
  public func unmapDMA(iova: UInt64, size: UInt64) throws(VFIOError) -> UInt64 {
    try DMASpaceHandle.checkedUnmap(descriptor.fileDescriptor, kind: .ioas(id), ranges: dmaRanges, iova: iova, size: size)
  }
}
