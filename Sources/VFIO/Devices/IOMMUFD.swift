import CVFIO
import SystemPackage

/// An open iommufd (`/dev/iommu`): the IOMMU context of the cdev interface,
/// holding IO address spaces (IOAS) that devices attach to. Closed when it goes out of scope.
public struct IOMMUFD: ~Copyable, Sendable {
  internal let owned: OwnedDescriptor
  /// What the ids it hands out carry, so that another iommufd refuses them.
  internal let identity = OwnerIdentity.next()

  internal var descriptor: IOMMUFDDescriptor { IOMMUFDDescriptor(owned.fileDescriptor) }

  /// Lends the typed descriptor to `body`, for requests this type does not wrap: a
  /// ``LentDescriptor``, which cannot outlive the call (returning or storing it does not compile).
  public func withDescriptor<Result: ~Copyable, Failure: Error>(
    _ body: (LentDescriptor<IOMMUFDIoctl>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(LentDescriptor(descriptor, lentBy: owned))
  }

  /// Lends the plain typed descriptor to `body`, for passing its number to C.
  ///
  /// The descriptor belongs to this value: `body` must not close it, and must not keep
  /// it past its return (the number may name another file once this value is closed). Nothing
  /// checks that: ``withDescriptor(_:)`` is the checked way.
  public func withUnsafeDescriptor<Result: ~Copyable, Failure: Error>(
    _ body: (IOMMUFDDescriptor) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(descriptor)
  }

  internal var target: String { "iommufd" }

  /// More IOVA ranges than any IOMMU reports: a larger count is not believed.
  public static var maximumIOVARanges: UInt32 { 1 << 16 }

  /// Opens the iommufd at `path` read-write and close-on-exec.
  ///
  /// - Throws: ``VFIOError`` with operation `open`: `ENOENT` when the kernel has no iommufd
  ///   (`CONFIG_IOMMUFD`, Linux 6.2 and later), `EACCES` without permission on the node.
  public init(path: FilePath = "/dev/iommu") throws(VFIOError) {
    owned = try OwnedDescriptor.open(path, describing: path.string)
  }

  /// Closes the iommufd now, reporting what `close` returned; IO address spaces made from it
  /// keep their own descriptor and stay valid.
  public consuming func close() throws(VFIOError) {
    do { try owned.close() } catch { throw VFIOError(operation: "close", target: "iommufd", errno: error) }
  }

  /// `IOMMU_IOAS_ALLOC`: a new, empty IO address space, destroyed when the returned value goes.
  public func makeIOAS() throws(VFIOError) -> IOAS {
    let id = try allocateIOAS()
    let fd: CInt
    do { fd = try descriptor.duplicate(for: IOMMUFDIoctl.ioasAlloc.name, on: target) } catch {
      try? destroy(id)
      throw error
    }
    return IOAS(id: id, iommufd: OwnedDescriptor(FileDescriptor(rawValue: fd)))
  }

  /// `IOMMU_IOAS_ALLOC`: a new, empty IO address space that the caller destroys.
  public func allocateIOAS() throws(VFIOError) -> IOASID {
    var request = iommu_ioas_alloc()
    try descriptor.call(.ioasAlloc, &request, on: target)
    return IOASID(rawValue: request.out_ioas_id, owner: identity)
  }

  /// `IOMMU_DESTROY` of an IOAS.
  ///
  /// - Throws: ``VFIOError/Reason/otherIOMMUFD(_:)``, before the kernel is asked, for an id
  ///   another iommufd handed out.
  public func destroy(_ ioas: IOASID) throws(VFIOError) {
    try checkOwner(ioas.owner, of: ioas, IOMMUFDIoctl.destroy.name)
    try descriptor.destroy(ioas.rawValue, on: "\(target), \(ioas)")
  }

  /// `IOMMU_DESTROY` of a hardware page table.
  ///
  /// - Throws: ``VFIOError/Reason/otherIOMMUFD(_:)``, before the kernel is asked, for an id
  ///   another iommufd handed out.
  public func destroy(_ hwpt: HWPTID) throws(VFIOError) {
    try checkOwner(hwpt.owner, of: hwpt, IOMMUFDIoctl.destroy.name)
    try descriptor.destroy(hwpt.rawValue, on: "\(target), \(hwpt)")
  }

  /// Refuses an object id another iommufd handed out (`owner` 0 is unknown and passes).
  internal func checkOwner(_ owner: UInt64, of object: some CustomStringConvertible, _ operation: String) throws(VFIOError) {
    guard owner == 0 || owner == identity else {
      throw VFIOError(operation: operation, target: "\(target), \(object)", reason: .otherIOMMUFD(object.description))
    }
  }

  /// `IOMMU_IOAS_IOVA_RANGES`: the IOVA ranges usable in `ioas` (inclusive
  /// bounds) and the alignment mappings need.
  ///
  /// More than `limit` ranges is ``VFIOError/Reason/countAboveLimit(what:count:limit:)``,
  /// a range whose start is past its end ``VFIOError/Reason/invalidRange(what:start:end:)``, an
  /// IOAS of another iommufd ``VFIOError/Reason/otherIOMMUFD(_:)``.
  public func iovaRanges(ioas: IOASID, limit: UInt32 = maximumIOVARanges) throws(VFIOError)
    -> (ranges: [ClosedRange<UInt64>], alignment: UInt64)
  {
    try checkOwner(ioas.owner, of: ioas, IOMMUFDIoctl.ioasIOVARanges.name)
    return try descriptor.iovaRanges(ioas: ioas, limit: limit, on: target)
  }
}

extension IOMMUFDDescriptor {
  internal func destroy(_ id: UInt32, on target: String) throws(VFIOError) {
    var request = iommu_destroy()
    request.id = id
    try call(.destroy, &request, on: target)
  }

  internal func iovaRanges(ioas: IOASID, limit: UInt32, on target: String) throws(VFIOError)
    -> (ranges: [ClosedRange<UInt64>], alignment: UInt64)
  {
    var request = iommu_ioas_iova_ranges()
    request.ioas_id = ioas.rawValue
    var ranges: [iommu_iova_range] = []
    let place = "\(target), \(ioas)"
    // The kernel answers EMSGSIZE with the count it has; ranges can change between calls.
    for _ in 0..<4 {
      let count = ranges.count
      do {
        try ranges.withUnsafeMutableBufferPointer { (buffer) throws(Errno) in
          request.num_iovas = UInt32(truncatingIfNeeded: count)
          request.allowed_iovas = UInt64(UInt(bitPattern: buffer.baseAddress))
          try ioctl(.ioasIOVARanges, &request)
        }
      } catch where error == .messageTooLong {
        try VFIOError.check(
          request.num_iovas, of: "IOVA ranges", limit: limit, operation: IOMMUFDIoctl.ioasIOVARanges.name, target: place)
        ranges = Array(repeating: iommu_iova_range(), count: Int(request.num_iovas))
        continue
      } catch {
        throw VFIOError(operation: IOMMUFDIoctl.ioasIOVARanges.name, target: place, errno: error)
      }
      var filled: [ClosedRange<UInt64>] = []
      for range in ranges.prefix(Int(request.num_iovas)) {
        guard range.start <= range.last else {
          throw VFIOError(
            operation: IOMMUFDIoctl.ioasIOVARanges.name, target: place,
            reason: .invalidRange(what: "IOVA range", start: range.start, end: range.last))
        }
        filled.append(range.start...range.last)
      }
      return (filled, request.out_iova_alignment)
    }
    throw VFIOError(operation: IOMMUFDIoctl.ioasIOVARanges.name, target: place, errno: .messageTooLong)
  }
}

extension VFIODevice {
  /// `VFIO_DEVICE_BIND_IOMMUFD`: binds a cdev-opened device to `iommufd`; returns its device id there.
  ///
  /// - Parameters:
  ///   - iommufd: The iommufd to bind to.
  ///   - token: The VF token the PF's user set with ``DeviceFeature/pciVFToken``, needed
  ///     to bind a VF whose PF is bound to vfio-pci (`VFIO_DEVICE_BIND_FLAG_TOKEN`, Linux 6.17).
  ///     A kernel without token support refuses a token with EINVAL.
  public func bind(to iommufd: borrowing IOMMUFD, token: VFToken? = nil) throws(VFIOError) -> IOMMUFDDeviceID {
    try bind(iommufd: iommufd.descriptor.fileDescriptor, token: token)
  }

  internal func bind(iommufd: FileDescriptor, token: VFToken?) throws(VFIOError) -> IOMMUFDDeviceID {
    var request = BindIOMMUFD(iommufd: iommufd)
    guard let token else {
      try descriptor.call(.bindIOMMUFD, &request, on: target)
      return request.deviceID
    }
    var bytes = token.bytes
    try withUnsafeBytes(of: &bytes) { (uuid) throws(VFIOError) in
      request.flags = .token
      request.tokenAddress = UInt64(UInt(bitPattern: uuid.baseAddress))
      try descriptor.call(.bindIOMMUFD, &request, on: "\(target) with a VF token")
    }
    return request.deviceID
  }

  /// `VFIO_DEVICE_ATTACH_IOMMUFD_PT`: attaches the device, or one of its PASIDs, to an IOAS
  /// or hardware page table; returns the page table the kernel attached (the HWPT it made
  /// for an IOAS).
  ///
  /// An id keeps nothing alive: prefer ``IOAS/attach(_:pasid:)``, after which the IOAS cannot be
  /// destroyed under the device.
  ///
  /// - Parameters:
  ///   - pageTable: The IOAS or hardware page table.
  ///   - pasid: Attach only this PASID (`VFIO_DEVICE_ATTACH_PASID`, Linux 6.14); a kernel without
  ///     PASID support refuses it with EINVAL.
  @discardableResult
  public func attach(pageTable: some IOMMUFDPageTable, pasid: UInt32? = nil) throws(VFIOError) -> HWPTID {
    var request = AttachIOMMUFDPageTable(pageTableID: pageTable.objectID)
    if let pasid {
      request.flags = .pasid
      request.pasid = pasid
    }
    try descriptor.call(.attachIOMMUFDPT, &request, on: "\(target), \(pageTable)")
    return HWPTID(rawValue: request.pageTableID)
  }

  /// `VFIO_DEVICE_DETACH_IOMMUFD_PT`: detaches the device, or one of its PASIDs. Detaching the
  /// device lets go of the address spaces ``IOAS/attach(_:pasid:)`` made it keep alive.
  ///
  /// - Parameter pasid: Detach only this PASID (`VFIO_DEVICE_DETACH_PASID`, Linux 6.14).
  public func detachPageTable(pasid: UInt32? = nil) throws(VFIOError) {
    var request = DetachIOMMUFDPageTable()
    if let pasid {
      request.flags = .pasid
      request.pasid = pasid
    }
    try descriptor.call(.detachIOMMUFDPT, &request, on: target)
    if pasid == nil { attachments.releaseAll() }
  }
}
