import SystemPackage

extension VFIOContainer {
  /// Opens the device at `location` in this container, ready to use: its IOMMU group is
  /// opened (or reused, when another device of the group is open), checked viable and set
  /// to this container, whose IOMMU type must be `iommuType`; the device is described.
  ///
  /// Devices opened here share the container's DMA mappings. A group the device is in stays
  /// open as long as the container.
  ///
  /// - Parameters:
  ///   - location: The device: a PCI address, a sysfs directory, an mdev UUID or a cdev path.
  ///   - iommuType: The type the container was set to (``IOMMUType/noIOMMU`` for a `noiommu-N`
  ///     group); another is refused with ``VFIOError/Reason/iommuTypeMismatch(set:asked:)``.
  public func openDevice(
    _ location: VFIODeviceLocation, iommuType: IOMMUType = .type1v2
  ) throws(VFIOError) -> VFIODevice {
    let number = try location.groupNumber()
    let name = try location.deviceName()
    let entry = try joinGroup(number, iommuType: iommuType)
    let device = try entry.group.device(named: name)
    try device.cacheDescription()
    return device
  }

  /// Group `number`, joined to this container (once); the IOMMU type must match the one set.
  internal func joinGroup(_ number: IOMMUGroupNumber, iommuType: IOMMUType) throws(VFIOError) -> GroupRegistry.Entry {
    try Self.joinGroup(number, iommuType: iommuType, container: descriptor, registry: registry)
  }

  /// Group `number`, joined to `container` (once, kept in `registry`), with the IOMMU type set
  /// after the first group joins.
  internal static func joinGroup(
    _ number: IOMMUGroupNumber, iommuType: IOMMUType, container: ContainerDescriptor, registry: GroupRegistry
  ) throws(VFIOError) -> GroupRegistry.Entry {
    try registry.state.withLock { (state) throws(VFIOError) -> GroupRegistry.Entry in
      let entry: GroupRegistry.Entry
      if let joined = state.groups[number] { entry = joined } else {
        entry = try join(number, iommuType: iommuType, container: container)
        state.groups[number] = entry
      }
      if let type = state.iommuType {
        guard type == iommuType else {
          throw VFIOError(
            operation: ContainerIoctl.setIOMMU.name, target: "container", reason: .iommuTypeMismatch(set: type, asked: iommuType))
        }
      } else {
        try setIOMMU(iommuType, on: container)
        state.iommuType = iommuType
      }
      return entry
    }
  }
}

extension VFIOContainer {
  /// Opens group `number`, checks that it is viable and sets it to this container.
  private static func join(
    _ number: IOMMUGroupNumber, iommuType: IOMMUType, container: ContainerDescriptor
  ) throws(VFIOError) -> GroupRegistry.Entry {
    let plain = "/dev/vfio/\(number.rawValue)"
    let path = iommuType == .noIOMMU && !system_access(plain) ? "/dev/vfio/noiommu-\(number.rawValue)" : plain
    let group = try VFIOGroup(path: FilePath(path))
    guard try group.status().contains(.viable) else {
      // The kernel's verdict stands; sysfs only names who keeps the group from VFIO.
      let blockers = (try? SysfsTree.system.viabilityBlockers(number)) ?? []
      throw VFIOError(
        operation: GroupIoctl.getStatus.name, target: group.name,
        reason: blockers.isEmpty ? .groupNotViable(number) : .groupBlocked(number, blockers: blockers))
    }
    try group.setContainer(container)
    return GroupRegistry.Entry(group)
  }

  /// `VFIO_DEVICE_PCI_HOT_RESET` of `device`, proving ownership with every group this
  /// container opened for its devices.
  public func hotReset(_ device: borrowing VFIODevice) throws(VFIOError) {
    let groups = registry.entries.map { $0.group.descriptor }
    try device.unsafeHotReset(groupDescriptors: groups)
  }
}
