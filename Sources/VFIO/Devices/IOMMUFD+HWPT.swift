import CVFIO
import SystemPackage

extension IOMMUFD {
  /// `IOMMU_HWPT_ALLOC`: a hardware page table for `device` holding the mappings of `pageTable`,
  /// destroyed when the returned value goes.
  ///
  /// - Parameters:
  ///   - device: A device bound to this iommufd (``VFIODevice/bind(to:token:)``).
  ///   - pageTable: The IOAS whose mappings the page table mirrors (or, for a nested page
  ///     table, its parent).
  ///   - flags: ``HWPTAllocFlags/dirtyTracking`` to read dirty pages through the page table,
  ///     ``HWPTAllocFlags/nestParent`` to nest page tables under it.
  /// - Throws: ``VFIOError/Reason/unsupported(_:)`` on a kernel without explicit page tables
  ///   (`ENOTTY`, before Linux 6.6) or an IOMMU that cannot honour `flags` (`EOPNOTSUPP`, e.g.
  ///   dirty tracking on an IOMMU without it).
  public func makeHWPT(
    device: IOMMUFDDeviceID, pageTable: some IOMMUFDPageTable, flags: HWPTAllocFlags = []
  ) throws(VFIOError) -> HWPT {
    let id = try allocateHWPT(device: device, pageTable: pageTable, flags: flags)
    let fd: CInt
    do { fd = try descriptor.duplicate(for: IOMMUFDIoctl.hwptAlloc.name, on: target) } catch {
      try? destroy(id)
      throw error
    }
    return HWPT(id: id, iommufd: OwnedDescriptor(FileDescriptor(rawValue: fd)))
  }

  /// `IOMMU_HWPT_ALLOC`: a hardware page table that the caller destroys (`destroy(_:)` of its ``HWPTID``).
  ///
  /// The parameters and errors are those of ``makeHWPT(device:pageTable:flags:)``.
  public func allocateHWPT(
    device: IOMMUFDDeviceID, pageTable: some IOMMUFDPageTable, flags: HWPTAllocFlags = []
  ) throws(VFIOError) -> HWPTID {
    if let ioas = pageTable as? IOASID { try checkOwner(ioas.owner, of: ioas, IOMMUFDIoctl.hwptAlloc.name) }
    if let hwpt = pageTable as? HWPTID { try checkOwner(hwpt.owner, of: hwpt, IOMMUFDIoctl.hwptAlloc.name) }
    var request = cvfio_iommu_hwpt_alloc.allocating(device: device, pageTable: pageTable.objectID, flags: flags)
    try descriptor.callIfSupported(.hwptAlloc, &request, on: "\(target), device \(device.rawValue), \(pageTable)")
    return HWPTID(rawValue: request.out_hwpt_id, owner: identity)
  }

  /// `IOMMU_GET_HW_INFO`: the IOMMU behind a device: its type, capabilities such as dirty
  /// tracking, and its type's data.
  ///
  /// - Parameters:
  ///   - device: A device bound to this iommufd.
  ///   - limit: The most bytes of type data to read; a kernel whose data is longer
  ///     reports its own length in ``IOMMUHardwareInfo/dataLength``.
  /// - Throws: ``VFIOError/Reason/unsupported(_:)`` on a kernel without the request (`ENOTTY`,
  ///   before Linux 6.6) or an IOMMU driver that reports nothing (`EOPNOTSUPP`).
  public func hardwareInfo(
    device: IOMMUFDDeviceID, limit: Int = IOMMUHardwareInfo.maximumDataLength
  ) throws(VFIOError) -> IOMMUHardwareInfo {
    var data = [UInt8](repeating: 0, count: max(0, min(limit, IOMMUHardwareInfo.maximumDataLength)))
    var request = cvfio_iommu_hw_info()
    request.dev_id = device.rawValue
    let place = "\(target), device \(device.rawValue)"
    try data.withUnsafeMutableBufferPointer { (buffer) throws(VFIOError) in
      request.data_len = UInt32(buffer.count)
      request.data_uptr = UInt64(UInt(bitPattern: buffer.baseAddress))
      try descriptor.callIfSupported(.getHWInfo, &request, on: place)
    }
    return IOMMUHardwareInfo(request, data: data)
  }
}

extension cvfio_iommu_hwpt_alloc {
  /// The argument of a kernel-managed page table for `device` over `pageTable` (`data_type`
  /// `IOMMU_HWPT_DATA_NONE`, no fault queue).
  internal static func allocating(device: IOMMUFDDeviceID, pageTable: UInt32, flags: HWPTAllocFlags) -> Self {
    var request = cvfio_iommu_hwpt_alloc()
    request.flags = flags.rawValue
    request.dev_id = device.rawValue
    request.pt_id = pageTable
    request.data_type = UInt32(CVFIO_IOMMU_HWPT_DATA_NONE)
    return request
  }
}
