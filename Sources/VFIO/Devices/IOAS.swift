import CVFIO
import SystemPackage

/// An iommufd IO address space: devices attached to it reach the memory mapped into it.
///
/// Destroyed once it has gone out of scope and so has every device attached to it through
/// ``attach(_:pasid:)`` or ``openDevice(_:token:)``: such a device keeps the address space alive
/// until it is closed or detached, so the two may be dropped in either order (the kernel refuses
/// to destroy an IOAS a device is attached to).
///
/// It keeps its own descriptor of the iommufd, so it outlives the ``IOMMUFD`` value it came from.
public struct IOAS: ~Copyable, Sendable {
  internal let object: IOASObject
  internal let dmaRanges = DMARanges()

  /// The IOAS's object id in its iommufd (`out_ioas_id` of `IOMMU_IOAS_ALLOC`).
  public var id: IOASID { object.id }
  internal var iommufd: FileDescriptor { object.iommufd.fileDescriptor }
  internal var descriptor: IOMMUFDDescriptor { IOMMUFDDescriptor(iommufd) }
  internal var target: String { "iommufd, \(id)" }

  internal init(id: IOASID, iommufd: consuming OwnedDescriptor) {
    object = IOASObject(id: id, iommufd: iommufd)
  }

  /// `VFIO_DEVICE_ATTACH_IOMMUFD_PT` of `device` (bound to this IOAS's iommufd) to this IOAS, or
  /// only its `pasid`: returns the page table the kernel made. The device keeps this IOAS alive
  /// until ``VFIODevice/detachPageTable(pasid:)`` (without a PASID) or its closing.
  @discardableResult
  public func attach(_ device: borrowing VFIODevice, pasid: UInt32? = nil) throws(VFIOError) -> HWPTID {
    let table = try device.attach(pageTable: id, pasid: pasid)
    device.attachments.keep(object)
    return table
  }

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
