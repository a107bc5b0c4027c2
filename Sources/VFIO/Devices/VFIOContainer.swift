import CVFIO
import SystemPackage

/// An open VFIO container (`/dev/vfio/vfio`): the IOMMU context that groups
/// join and DMA mappings live in. Closed when it goes out of scope.
public struct VFIOContainer: ~Copyable {
  internal let owned: OwnedDescriptor

  /// The typed descriptor, for requests this type does not wrap.
  public var descriptor: ContainerDescriptor { ContainerDescriptor(owned.fileDescriptor) }

  internal var target: String { "container" }

  /// Opens a new container.
  public init(path: FilePath = "/dev/vfio/vfio") throws(VFIOError) {
    owned = try OwnedDescriptor.open(path, describing: path.string)
  }

  /// Takes ownership of an open container descriptor.
  public init(adopting fileDescriptor: FileDescriptor) {
    owned = OwnedDescriptor(fileDescriptor)
  }

  /// Closes the container, reporting what close(2) returned.
  public consuming func close() throws(VFIOError) {
    do { try owned.close() } catch { throw VFIOError(operation: "close", target: "container", errno: error) }
  }

  /// `VFIO_GET_API_VERSION`: `VFIO_API_VERSION` (0) on every kernel so far.
  public func apiVersion() throws(VFIOError) -> Int {
    Int(try descriptor.call(.getAPIVersion, on: target))
  }

  /// `VFIO_CHECK_EXTENSION`: the kernel's answer, 0 when `extension` (an IOMMU
  /// type, or a capability like ``VFIOExtension/unmapAll``) is unsupported.
  public func checkExtension(_ extension: VFIOExtension) throws(VFIOError) -> Int {
    Int(try descriptor.call(.checkExtension, `extension`, on: target))
  }

  /// `VFIO_SET_IOMMU`: chooses the IOMMU model; needs at least one group set to the container.
  public func setIOMMU(_ type: IOMMUType) throws(VFIOError) {
    try descriptor.call(.setIOMMU, type, on: target)
  }

  /// `VFIO_IOMMU_GET_INFO` for a type1 IOMMU, with its capability chain
  /// (IOVA ranges, migration, DMA mappings available).
  public func iommuInfo() throws(VFIOError) -> IOMMUInfoResult {
    try fetchInfo(ContainerIoctl.iommuGetInfo.name, on: target, wrap: IOMMUType1Info.init(rawValue:)) {
      () throws(ArgumentSizeError) in try descriptor.iommuInfo()
    }
  }

  /// `VFIO_IOMMU_MAP_DMA`: makes `size` bytes at `address` visible to devices at `iova`.
  ///
  /// The memory must stay mapped in this process until it is unmapped from the container.
  public func mapDMA(
    address: UnsafeMutableRawPointer, iova: UInt64, size: Int, flags: DMAMapFlags = [.read, .write]
  ) throws(VFIOError) {
    guard let length = UInt64(exactly: size) else {
      throw VFIOError(operation: ContainerIoctl.iommuMapDMA.name, target: target, errno: .invalidArgument)
    }
    var map = DMAMap(flags: flags, vaddr: UInt64(UInt(bitPattern: address)), iova: iova, size: length)
    try descriptor.call(.iommuMapDMA, &map, on: target)
  }

  /// `VFIO_IOMMU_UNMAP_DMA`: removes the mappings in `iova ..< iova + size`;
  /// returns how many bytes the kernel unmapped (0 when nothing was mapped there).
  @discardableResult
  public func unmapDMA(iova: UInt64, size: UInt64) throws(VFIOError) -> UInt64 {
    var unmap = DMAUnmap(flags: [], iova: iova, size: size)
    try descriptor.call(.iommuUnmapDMA, &unmap, on: target)
    return unmap.size
  }

  /// `VFIO_IOMMU_DIRTY_PAGES` with `START`: from now on the IOMMU driver
  /// records pages that devices may have written.
  public func startDirtyPageTracking() throws(VFIOError) {
    do { try descriptor.startDirtyPageTracking() } catch {
      throw VFIOError(operation: "\(ContainerIoctl.iommuDirtyPages.name)(START)", target: target, errno: error)
    }
  }

  /// `VFIO_IOMMU_DIRTY_PAGES` with `STOP`.
  public func stopDirtyPageTracking() throws(VFIOError) {
    do { try descriptor.stopDirtyPageTracking() } catch {
      throw VFIOError(operation: "\(ContainerIoctl.iommuDirtyPages.name)(STOP)", target: target, errno: error)
    }
  }

  /// `VFIO_IOMMU_DIRTY_PAGES` with `GET_BITMAP`: adds the pages devices dirtied
  /// in `bitmap`'s range since the last call.
  public func readDirtyPages(into bitmap: inout DirtyBitmap) throws(VFIOError) {
    do { try descriptor.readDirtyPages(into: &bitmap) } catch {
      throw VFIOError(
        operation: "\(ContainerIoctl.iommuDirtyPages.name)(GET_BITMAP)",
        target: "\(target), IOVA \(bitmap.baseIOVA) + \(bitmap.length)", errno: error)
    }
  }

  /// `VFIO_IOMMU_UNMAP_DMA` of `bitmap`'s range with `GET_DIRTY_BITMAP`: unmaps
  /// and adds the pages dirtied there to `bitmap`; returns the bytes unmapped.
  @discardableResult
  public func unmapDMA(collectingDirtyPagesInto bitmap: inout DirtyBitmap) throws(VFIOError) -> UInt64 {
    do { return try descriptor.unmapDMA(collectingDirtyPagesInto: &bitmap) } catch {
      throw VFIOError(
        operation: "\(ContainerIoctl.iommuUnmapDMA.name)(GET_DIRTY_BITMAP)",
        target: "\(target), IOVA \(bitmap.baseIOVA) + \(bitmap.length)", errno: error)
    }
  }
}
