import CVFIO
import SystemPackage

/// Guest memory mapped for DMA: owns the memory and a descriptor of the address space, and
/// unmaps from the IOMMU before freeing the memory when it goes out of scope.
///
/// It keeps its own descriptor of the container or iommufd, so it can unmap even after
/// the value it was made from is closed; the address space lives as long as its mappings.
public struct DMAMapping: ~Copyable {
  /// Where devices see the memory.
  public let iova: UInt64
  /// The first byte in this process.
  public let baseAddress: UnsafeMutableRawPointer
  /// The length in bytes.
  public let size: UInt64
  private let space: CInt
  private let ioas: IOASID?

  internal init(memory: consuming GuestMemory, iova: UInt64, space: CInt, ioas: IOASID?) {
    let (address, size) = memory.release()
    self.baseAddress = address
    self.size = size
    self.iova = iova
    self.space = space
    self.ioas = ioas
  }

  deinit {
    // Nobody hears a failure here; the pages stay mapped in this process if the IOMMU kept them.
    if DMAMapping.unmap(space: space, ioas: ioas, iova: iova, size: size) == nil {
      _ = system_munmap(baseAddress, Int(size))
    }
    _ = system_close(space)
  }

  /// The mapped memory, valid while this mapping lives.
  public var bytes: UnsafeMutableRawBufferPointer {
    UnsafeMutableRawBufferPointer(start: baseAddress, count: Int(size))
  }

  /// Unmaps from the IOMMU and gives the memory back.
  ///
  /// When the IOMMU refuses, the memory is kept mapped in this process (devices may still reach
  /// it) and leaked rather than freed.
  public consuming func unmap() throws(VFIOError) -> GuestMemory {
    let (space, ioas, iova, address, size) = (self.space, self.ioas, self.iova, self.baseAddress, self.size)
    discard self
    defer { _ = system_close(space) }
    if let errno = DMAMapping.unmap(space: space, ioas: ioas, iova: iova, size: size) {
      throw VFIOError(
        operation: ioas == nil ? ContainerIoctl.iommuUnmapDMA.name : IOMMUFDIoctl.ioasUnmap.name,
        target: "IOVA \(iova) + \(size)" + (ioas.map { ", \($0)" } ?? ""), errno: errno)
    }
    return GuestMemory(unsafeAdopting: address, size: size)
  }

  /// nil when unmapped (or nothing was mapped there any more).
  private static func unmap(space: CInt, ioas: IOASID?, iova: UInt64, size: UInt64) -> Errno? {
    let result: Result<CInt, Errno>
    if let ioas {
      var request = iommu_ioas_unmap()
      request.ioas_id = ioas.rawValue
      request.iova = iova
      request.length = size
      result = Result { () throws(Errno) in try IOMMUFDDescriptor(FileDescriptor(rawValue: space)).ioctl(.ioasUnmap, &request) }
      // ENOENT: something else (an unmap of the whole range) already removed it.
      if case .failure(.noSuchFileOrDirectory) = result { return nil }
    } else {
      var request = DMAUnmap(flags: [], iova: iova, size: size)
      result = Result { () throws(Errno) in try ContainerDescriptor(FileDescriptor(rawValue: space)).ioctl(.iommuUnmapDMA, &request) }
    }
    if case .failure(let errno) = result { return errno }
    return nil
  }
}

extension VFIODescriptor {
  /// A descriptor of the same file for a mapping to keep.
  internal func duplicate(for operation: String, on target: String) throws(VFIOError) -> CInt {
    switch system_dupCloseOnExec(fileDescriptor.rawValue) {
    case .success(let fd): return fd
    case .failure(let errno): throw VFIOError(operation: "\(operation) (F_DUPFD_CLOEXEC)", target: target, errno: errno)
    }
  }
}
