import CVFIO
import SystemPackage

/// The kind of address space a descriptor maps through: a type1 container, or one IOAS of an
/// iommufd. The one place that issues DMA map and unmap requests.
internal enum DMASpaceKind: Sendable {
  case type1
  case ioas(IOASID)
  /// An IOAS mapped by file (`IOMMU_IOAS_MAP_FILE`): the kernel pins the file's pages, found
  /// from where `base` lies in the file.
  case ioasFile(IOASID, FileBacking)

  /// Where a mapping's memory lies in its file.
  struct FileBacking: @unchecked Sendable {
    // @unchecked: `base` is only compared with, never dereferenced.
    let fd: FileDescriptor
    let base: UnsafeMutableRawPointer
    let offset: UInt64
  }

  func map(
    _ fd: FileDescriptor, address: UnsafeMutableRawPointer, size: UInt64, iova: UInt64, access: DMAAccess
  ) -> Result<Void, Errno> {
    let vaddr = UInt64(UInt(bitPattern: address))
    switch self {
    case .type1:
      var flags: DMAMapFlags = []
      if access.contains(.read) { flags.insert(.read) }
      if access.contains(.write) { flags.insert(.write) }
      var request = DMAMap(flags: flags, vaddr: vaddr, iova: iova, size: size)
      return Result { () throws(Errno) in _ = try ContainerDescriptor(fd).ioctl(.iommuMapDMA, &request) }
    case .ioas(let id):
      var request = iommu_ioas_map()
      request.flags = UInt32(IOMMU_IOAS_MAP_FIXED_IOVA.rawValue) | access.iommufdMapFlags
      request.ioas_id = id.rawValue
      request.user_va = vaddr
      request.length = size
      request.iova = iova
      return Result { () throws(Errno) in _ = try IOMMUFDDescriptor(fd).ioctl(.ioasMap, &request) }
    case .ioasFile(let id, let file):
      var request = iommu_ioas_map_file.mapping(
        file.fd, offset: file.offset + UInt64(address - file.base), length: size, iova: iova, access: access, ioas: id)
      return Result { () throws(Errno) in _ = try IOMMUFDDescriptor(fd).ioctl(.ioasMapFile, &request) }
    }
  }

  /// Removes the mappings inside `size` bytes at `iova`; the bytes the kernel unmapped.
  func unmap(_ fd: FileDescriptor, iova: UInt64, size: UInt64) -> Result<UInt64, Errno> {
    switch self {
    case .type1:
      var request = DMAUnmap(flags: [], iova: iova, size: size)
      return Result { () throws(Errno) in _ = try ContainerDescriptor(fd).ioctl(.iommuUnmapDMA, &request) }
        .map { request.size }
    case .ioas(let id), .ioasFile(let id, _):
      var request = iommu_ioas_unmap()
      request.ioas_id = id.rawValue
      request.iova = iova
      request.length = size
      return Result { () throws(Errno) in _ = try IOMMUFDDescriptor(fd).ioctl(.ioasUnmap, &request) }
        .map { request.length }
    }
  }

  var mapName: String {
    switch self {
    case .type1: ContainerIoctl.iommuMapDMA.name
    case .ioas: IOMMUFDIoctl.ioasMap.name
    case .ioasFile: IOMMUFDIoctl.ioasMapFile.name
    }
  }

  var unmapName: String {
    switch self {
    case .type1: ContainerIoctl.iommuUnmapDMA.name
    case .ioas, .ioasFile: IOMMUFDIoctl.ioasUnmap.name
    }
  }

  func describe(iova: UInt64, size: UInt64) -> String {
    switch self {
    case .type1: "container, IOVA \(iova) + \(size)"
    case .ioas(let id), .ioasFile(let id, _): "iommufd, \(id), IOVA \(iova) + \(size)"
    }
  }
}

/// What a mapping keeps of its address space: a descriptor of its own (so it can unmap after the
/// container or IOAS value is gone), the kind, and the space's record of mapped ranges.
internal final class DMASpaceHandle: Sendable {
  let fd: FileDescriptor
  let kind: DMASpaceKind
  let ranges: DMARanges

  init(fd: CInt, kind: DMASpaceKind, ranges: DMARanges) {
    self.fd = FileDescriptor(rawValue: fd)
    self.kind = kind
    self.ranges = ranges
  }

  deinit { _ = system_close(fd.rawValue) }

  func map(address: UnsafeMutableRawPointer, size: UInt64, iova: UInt64, access: DMAAccess) throws(VFIOError) {
    if case .failure(let errno) = kind.map(fd, address: address, size: size, iova: iova, access: access) {
      // A kernel before IOMMU_IOAS_MAP_FILE (Linux 6.13) does not know the request.
      let unsupported = kind.isFile && (errno == .inappropriateIOCTLForDevice || errno == .notSupported)
      throw VFIOError(
        operation: kind.mapName, target: kind.describe(iova: iova, size: size),
        reason: unsupported ? .unsupported(errno) : .system(errno))
    }
  }

  /// nil when unmapped; iommufd's ENOENT (nothing mapped there any more) counts as unmapped.
  func unmap(iova: UInt64, size: UInt64) -> Errno? {
    switch kind.unmap(fd, iova: iova, size: size) {
    case .success: return nil
    case .failure(.noSuchFileOrDirectory) where kind.isIOAS: return nil
    case .failure(let errno): return errno
    }
  }
}

extension DMASpaceKind {
  var isIOAS: Bool {
    switch self {
    case .type1: false
    case .ioas, .ioasFile: true
    }
  }

  var isFile: Bool {
    if case .ioasFile = self { return true }
    return false
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
