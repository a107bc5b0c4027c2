import CVFIO
import SystemPackage

/// An open iommufd (`/dev/iommu`): the IOMMU context of the cdev interface,
/// holding IO address spaces (IOAS) that devices attach to. Closed when it goes out of scope.
public struct IOMMUFD: ~Copyable {
  internal let owned: OwnedDescriptor

  public var descriptor: IOMMUFDDescriptor { IOMMUFDDescriptor(owned.fileDescriptor) }

  internal var target: String { "iommufd" }

  public init(path: FilePath = "/dev/iommu") throws(VFIOError) {
    owned = try OwnedDescriptor.open(path, describing: path.string)
  }

  public consuming func close() throws(VFIOError) {
    do { try owned.close() } catch { throw VFIOError(operation: "close", target: "iommufd", errno: error) }
  }

  /// `IOMMU_IOAS_ALLOC`: a new, empty IO address space; returns its object id.
  public func allocateIOAS() throws(VFIOError) -> UInt32 {
    var request = iommu_ioas_alloc()
    request.size = UInt32(MemoryLayout<iommu_ioas_alloc>.size)
    try descriptor.call(.ioasAlloc, &request, on: target)
    return request.out_ioas_id
  }

  /// `IOMMU_DESTROY`: frees an object (an IOAS, a hardware page table) by id.
  public func destroy(_ id: UInt32) throws(VFIOError) {
    var request = iommu_destroy()
    request.size = UInt32(MemoryLayout<iommu_destroy>.size)
    request.id = id
    try descriptor.call(.destroy, &request, on: "\(target), object \(id)")
  }

  /// More ranges than any IOMMU reports: a larger count is not believed.
  internal static var maximumIOVARanges: UInt32 { 1 << 16 }

  /// `IOMMU_IOAS_IOVA_RANGES`: the IOVA ranges usable in `ioas` (inclusive
  /// bounds) and the alignment mappings need.
  public func iovaRanges(ioas: UInt32) throws(VFIOError) -> (ranges: [ClosedRange<UInt64>], alignment: UInt64) {
    var request = iommu_ioas_iova_ranges()
    request.size = UInt32(MemoryLayout<iommu_ioas_iova_ranges>.size)
    request.ioas_id = ioas
    var ranges: [iommu_iova_range] = []
    // The kernel answers EMSGSIZE with the count it has; ranges can change between calls.
    for _ in 0..<4 {
      do {
        let count = ranges.count
        try ranges.withUnsafeMutableBufferPointer { (buffer) throws(Errno) in
          request.num_iovas = UInt32(truncatingIfNeeded: count)
          request.allowed_iovas = UInt64(UInt(bitPattern: buffer.baseAddress))
          try descriptor.ioctl(.ioasIOVARanges, &request)
        }
        let filled = ranges.prefix(Int(request.num_iovas)).map { $0.start...$0.last }
        return (filled, request.out_iova_alignment)
      } catch where error == .messageTooLong && request.num_iovas <= Self.maximumIOVARanges {
        ranges = Array(repeating: iommu_iova_range(), count: Int(request.num_iovas))
      } catch {
        throw VFIOError(operation: IOMMUFDIoctl.ioasIOVARanges.name, target: "\(target), IOAS \(ioas)", errno: error)
      }
    }
    throw VFIOError(operation: IOMMUFDIoctl.ioasIOVARanges.name, target: "\(target), IOAS \(ioas)", errno: .messageTooLong)
  }

  /// `IOMMU_IOAS_MAP` at a fixed IOVA: `length` bytes at `address` become visible
  /// to every device attached to `ioas`.
  public func map(
    ioas: UInt32, address: UnsafeMutableRawPointer, length: Int, iova: UInt64,
    readable: Bool = true, writable: Bool = true
  ) throws(VFIOError) {
    var request = iommu_ioas_map()
    request.size = UInt32(MemoryLayout<iommu_ioas_map>.size)
    request.flags = UInt32(IOMMU_IOAS_MAP_FIXED_IOVA.rawValue)
      | (readable ? UInt32(IOMMU_IOAS_MAP_READABLE.rawValue) : 0)
      | (writable ? UInt32(IOMMU_IOAS_MAP_WRITEABLE.rawValue) : 0)
    request.ioas_id = ioas
    request.user_va = UInt64(UInt(bitPattern: address))
    guard let length = UInt64(exactly: length) else {
      throw VFIOError(operation: IOMMUFDIoctl.ioasMap.name, target: "\(target), IOAS \(ioas)", errno: .invalidArgument)
    }
    request.length = length
    request.iova = iova
    try descriptor.call(.ioasMap, &request, on: "\(target), IOAS \(ioas)")
  }

  /// `IOMMU_IOAS_UNMAP`: removes the mappings inside `iova ..< iova + length`;
  /// returns how many bytes were unmapped.
  @discardableResult
  public func unmap(ioas: UInt32, iova: UInt64, length: UInt64) throws(VFIOError) -> UInt64 {
    var request = iommu_ioas_unmap()
    request.size = UInt32(MemoryLayout<iommu_ioas_unmap>.size)
    request.ioas_id = ioas
    request.iova = iova
    request.length = length
    try descriptor.call(.ioasUnmap, &request, on: "\(target), IOAS \(ioas)")
    return request.length
  }
}

extension VFIODevice {
  /// `VFIO_DEVICE_BIND_IOMMUFD`: binds a cdev-opened device to `iommufd`; returns its device id there.
  ///
  /// - Parameter token: The VF token the PF's user set with ``DeviceFeature/pciVFToken``, needed
  ///   to bind a VF whose PF is bound to vfio-pci (`VFIO_DEVICE_BIND_FLAG_TOKEN`, Linux 6.17).
  ///   A kernel without token support refuses a token with EINVAL.
  public func bind(to iommufd: borrowing IOMMUFD, token: VFToken? = nil) throws(VFIOError) -> UInt32 {
    var request = BindIOMMUFD(iommufd: iommufd.descriptor.fileDescriptor)
    guard let token else {
      try descriptor.call(.bindIOMMUFD, &request, on: target)
      return request.deviceID.rawValue
    }
    var bytes = token.bytes
    try withUnsafeBytes(of: &bytes) { (uuid) throws(VFIOError) in
      request.flags = .token
      request.tokenAddress = UInt64(UInt(bitPattern: uuid.baseAddress))
      try descriptor.call(.bindIOMMUFD, &request, on: "\(target) with a VF token")
    }
    return request.deviceID.rawValue
  }

  /// `VFIO_DEVICE_ATTACH_IOMMUFD_PT`: attaches the device, or one of its PASIDs, to an IOAS
  /// or hardware page table; returns the page table the kernel attached (the HWPT it made
  /// for an IOAS).
  ///
  /// - Parameter pasid: Attach only this PASID (`VFIO_DEVICE_ATTACH_PASID`, Linux 6.14); a
  ///   kernel without PASID support refuses it with EINVAL.
  @discardableResult
  public func attach(pageTable id: UInt32, pasid: UInt32? = nil) throws(VFIOError) -> UInt32 {
    var request = AttachIOMMUFDPageTable(pageTableID: id)
    if let pasid {
      request.flags = .pasid
      request.pasid = pasid
    }
    try descriptor.call(.attachIOMMUFDPT, &request, on: "\(target), page table \(id)")
    return request.pageTableID
  }

  /// `VFIO_DEVICE_DETACH_IOMMUFD_PT`: detaches the device, or one of its PASIDs.
  ///
  /// - Parameter pasid: Detach only this PASID (`VFIO_DEVICE_DETACH_PASID`, Linux 6.14).
  public func detachPageTable(pasid: UInt32? = nil) throws(VFIOError) {
    var request = DetachIOMMUFDPageTable()
    if let pasid {
      request.flags = .pasid
      request.pasid = pasid
    }
    try descriptor.call(.detachIOMMUFDPT, &request, on: target)
  }
}
