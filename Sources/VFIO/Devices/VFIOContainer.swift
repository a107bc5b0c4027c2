import CVFIO
import SystemPackage

/// An open VFIO container (`/dev/vfio/vfio`): the IOMMU context that groups
/// join and DMA mappings live in. Closed when it goes out of scope.
///
/// Every initializer but ``init(unsafeAdopting:)`` sets a group to the container and chooses its
/// IOMMU model, the order the kernel needs before a DMA map: a container that could map before
/// them (the kernel refuses such a map with EINVAL) cannot be written.
public struct VFIOContainer: ~Copyable, Sendable {
  internal let owned: OwnedDescriptor
  internal let registry: GroupRegistry
  internal let dmaRanges = DMARanges()

  internal var descriptor: ContainerDescriptor { ContainerDescriptor(owned.fileDescriptor) }

  /// Lends the typed descriptor to `body`, for requests this type does not wrap: a
  /// ``LentDescriptor``, which cannot outlive the call (returning or storing it does not compile).
  public func withDescriptor<Result: ~Copyable, Failure: Error>(
    _ body: (LentDescriptor<ContainerIoctl>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(LentDescriptor(descriptor, lentBy: owned))
  }

  /// Lends the plain typed descriptor to `body`, for passing its number to C.
  ///
  /// The descriptor belongs to this value: `body` must not close it, and must not keep
  /// it past its return (the number may name another file once this value is closed). Nothing
  /// checks that: ``withDescriptor(_:)`` is the checked way.
  public func withUnsafeDescriptor<Result: ~Copyable, Failure: Error>(
    _ body: (ContainerDescriptor) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(descriptor)
  }

  internal var target: String { "container" }

  /// Opens a container at `path`, sets it to `group` (`VFIO_GROUP_SET_CONTAINER`) and chooses
  /// the IOMMU model (`VFIO_SET_IOMMU`); later groups join with ``VFIOGroup/setContainer(_:)``.
  ///
  /// The kernel unsets the model when the last group leaves the container (closed, or
  /// ``VFIOGroup/unsetContainer()``) and refuses maps from then on: keep `group` open while
  /// the container maps. ``init(for:iommuType:path:)`` keeps the group itself.
  ///
  /// - Throws: the kernel's errno of the failed step; when setting the model fails, the group
  ///   leaves the container again.
  public init(group: borrowing VFIOGroup, iommuType: IOMMUType = .type1v2, path: FilePath = "/dev/vfio/vfio") throws(VFIOError) {
    // Every step on a local descriptor: the value exists only once they all succeeded.
    let owned = try OwnedDescriptor.open(path, describing: path.string)
    let descriptor = ContainerDescriptor(owned.fileDescriptor)
    try group.setContainer(descriptor)
    do { try Self.setIOMMU(iommuType, on: descriptor) } catch {
      try? group.unsetContainer()
      throw error
    }
    self.owned = owned
    registry = GroupRegistry(iommuType: iommuType)
  }

  /// Opens a container at `path` for the device at `location`: its IOMMU group is opened,
  /// checked viable and set to the container, and the IOMMU model chosen. Then
  /// ``openDevice(_:iommuType:)`` opens the device (and others, of this group or another).
  ///
  /// The group stays open as long as the container, so the model stays set.
  ///
  /// - Parameters:
  ///   - location: The device: a PCI address, a sysfs directory, an mdev UUID or a cdev path.
  ///   - iommuType: The model (``IOMMUType/noIOMMU`` for a `noiommu-N` group); later devices must match it.
  ///   - path: The container node.
  public init(for location: VFIODeviceLocation, iommuType: IOMMUType = .type1v2, path: FilePath = "/dev/vfio/vfio") throws(VFIOError) {
    let owned = try OwnedDescriptor.open(path, describing: path.string)
    let registry = GroupRegistry()
    _ = try Self.joinGroup(
      location.groupNumber(), iommuType: iommuType, container: ContainerDescriptor(owned.fileDescriptor), registry: registry)
    self.owned = owned
    self.registry = registry
  }

  /// Takes ownership of an open container descriptor.
  ///
  /// The caller gives up the descriptor: nothing else may close it or adopt it again,
  /// or it is closed twice (the second time, perhaps, as another file's number). The caller also
  /// vouches that a group is set to it and its IOMMU model chosen: nothing checks that here, and
  /// the kernel refuses a map before them.
  public init(unsafeAdopting fileDescriptor: FileDescriptor) {
    owned = OwnedDescriptor(fileDescriptor)
    registry = GroupRegistry()
  }

  /// Closes the container, reporting what close(2) returned.
  public consuming func close() throws(VFIOError) {
    do { try owned.close() } catch { throw VFIOError(operation: "close", target: "container", errno: error) }
  }

  /// `VFIO_GET_API_VERSION`: `VFIO_API_VERSION` (0) on every kernel so far.
  public func apiVersion() throws(VFIOError) -> Int {
    Int(try descriptor.call(.getAPIVersion, on: target))
  }

  /// `VFIO_CHECK_EXTENSION` for an IOMMU type: whether the container can be set to it.
  public func supports(_ type: IOMMUType) throws(VFIOError) -> Bool {
    try descriptor.call(.checkExtension, VFIOExtension(type), on: target) != 0
  }

  /// `VFIO_CHECK_EXTENSION` for a capability; some (``ContainerCapability/dmaCacheCoherent``)
  /// are only answered once an IOMMU type is set.
  public func supports(_ capability: ContainerCapability) throws(VFIOError) -> Bool {
    try descriptor.call(.checkExtension, VFIOExtension(capability), on: target) != 0
  }

  /// `VFIO_SET_IOMMU`: chooses the IOMMU model; needs at least one group set to the container.
  internal static func setIOMMU(_ type: IOMMUType, on container: ContainerDescriptor) throws(VFIOError) {
    try container.call(.setIOMMU, type, on: "container")
  }

  /// `VFIO_IOMMU_GET_INFO` for a type1 IOMMU, with its capability chain
  /// (IOVA ranges, migration, DMA mappings available).
  public func iommuInfo() throws(VFIOError) -> IOMMUInfoResult {
    try fetchInfo(ContainerIoctl.iommuGetInfo.name, on: target, wrap: IOMMUType1Info.init(rawValue:)) {
      () throws(ArgumentSizeError) in try descriptor.iommuInfo()
    }
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
    do {
      let unmapped = try descriptor.unmapDMA(collectingDirtyPagesInto: &bitmap)
      dmaRanges.release(iova: bitmap.baseIOVA, size: bitmap.length)
      return unmapped
    } catch {
      throw VFIOError(
        operation: "\(ContainerIoctl.iommuUnmapDMA.name)(GET_DIRTY_BITMAP)",
        target: "\(target), IOVA \(bitmap.baseIOVA) + \(bitmap.length)", errno: error)
    }
  }
}

extension VFIOContainer: DMAAddressSpace {
  /// `VFIO_IOMMU_MAP_DMA` of `memory` (one request per piece of `granularity` bytes), which
  /// the returned mapping owns.
  public func map(
    _ memory: consuming GuestMemory, iova: UInt64, access: DMAAccess = [.read, .write], granularity: UInt64? = nil
  ) throws(VFIOError) -> DMAMapping {
    let space = try descriptor.duplicate(for: ContainerIoctl.iommuMapDMA.name, on: target)
    let handle = DMASpaceHandle(fd: space, kind: .type1, ranges: dmaRanges)
    return try makeMapping(memory, iova: iova, access: access, granularity: granularity, handle: handle)
  }

  /// `VFIO_IOMMU_MAP_DMA`: makes `size` bytes at `address` visible to devices at `iova`.
  public func unsafeMapDMA(
    address: UnsafeMutableRawPointer, size: UInt64, iova: UInt64, access: DMAAccess = [.read, .write]
  ) throws(VFIOError) {
    try DMASpaceHandle.checkedMap(
      descriptor.fileDescriptor, kind: .type1, ranges: dmaRanges, address: address, size: size, iova: iova, access: access)
  }

  /// `VFIO_IOMMU_UNMAP_DMA`: removes the mappings in `iova ..< iova + size`;
  /// returns how many bytes the kernel unmapped (0 when nothing was mapped there).
  @discardableResult
  public func unmapDMA(iova: UInt64, size: UInt64) throws(VFIOError) -> UInt64 {
    try DMASpaceHandle.checkedUnmap(descriptor.fileDescriptor, kind: .type1, ranges: dmaRanges, iova: iova, size: size)
  }

  /// `VFIO_IOMMU_UNMAP_DMA` with `VFIO_DMA_UNMAP_FLAG_ALL` (``ContainerCapability/unmapAll``):
  /// removes every mapping; returns how many bytes were unmapped.
  @discardableResult
  public func unmapAllDMA() throws(VFIOError) -> UInt64 {
    var unmap = DMAUnmap(flags: .all, iova: 0, size: 0)
    try descriptor.call(.iommuUnmapDMA, &unmap, on: "\(target), everything")
    dmaRanges.releaseAll()
    return unmap.size
  }
}
