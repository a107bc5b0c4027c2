import CVFIO
import SystemPackage

extension VFIODevice {
  /// The most devices ``hotResetDependencies(limit:)`` believes a hot reset affects: a PCI segment's
  /// 65,536 functions.
  public static var maximumHotResetDependencies: UInt32 { 1 << 16 }

  /// `VFIO_DEVICE_GET_PCI_HOT_RESET_INFO`: the devices a hot reset of this one affects.
  ///
  /// - Parameter limit: The most devices believed; a larger count is
  ///   ``VFIOError/Reason/countAboveLimit(what:count:limit:)``.
  public func hotResetDependencies(limit: UInt32 = maximumHotResetDependencies) throws(VFIOError) -> [PCIDependentDevice] {
    let headerSize = MemoryLayout<vfio_pci_hot_reset_info>.size
    let entrySize = MemoryLayout<vfio_pci_dependent_device>.stride
    var first = PCIHotResetInfo()
    do { try descriptor.ioctl(.getPCIHotResetInfo, &first) } catch {
      // ENOSPC is the kernel's way of saying how many entries to make room for.
      guard error == .noSpace else {
        throw VFIOError(operation: DeviceIoctl.getPCIHotResetInfo.name, target: target, errno: error)
      }
    }
    var header = first.rawValue
    try VFIOError.check(
      header.count, of: "dependent devices", limit: limit, operation: DeviceIoctl.getPCIHotResetInfo.name, target: target)
    let count = Int(header.count)
    let total = headerSize + count * entrySize
    return try withArgumentBuffer(byteCount: total) { (buffer) throws(VFIOError) -> [PCIDependentDevice] in
      header.argsz = try u32(total, DeviceIoctl.getPCIHotResetInfo.name, on: target)
      header.count = 0
      withUnsafeBytes(of: header) { buffer.copyMemory(from: $0) }
      try descriptor.callRaw(.getPCIHotResetInfo, buffer.baseAddress, on: target)
      let filled = buffer.load(as: vfio_pci_hot_reset_info.self)
      return (0..<min(Int(filled.count), count)).map { i in
        PCIDependentDevice(
          rawValue: buffer.loadUnaligned(fromByteOffset: headerSize + i * entrySize, as: vfio_pci_dependent_device.self))
      }
    }
  }

  /// `VFIO_DEVICE_PCI_HOT_RESET` of a device whose affected devices are all in `group`:
  /// resets the bus, proving ownership of the group by passing its descriptor.
  public func hotReset(proving group: borrowing VFIOGroup) throws(VFIOError) {
    try unsafeHotReset(groupDescriptors: [group.descriptor])
  }

  /// `VFIO_DEVICE_PCI_HOT_RESET` of a cdev-opened device, by device id: with no group
  /// descriptors the kernel checks that this iommufd owns every affected device
  /// (the ids ``hotResetDependencies(limit:)`` lists); the VM suite exercises it on 6.12.
  public func hotReset() throws(VFIOError) {
    try unsafeHotReset(groupDescriptors: [])
  }

  /// `VFIO_DEVICE_PCI_HOT_RESET` proving ownership with `groups`, which the caller keeps open
  /// for the call (they are not checked to be groups: the kernel refuses other descriptors).
  public func unsafeHotReset(groupDescriptors groups: [GroupDescriptor]) throws(VFIOError) {
    let headerSize = MemoryLayout<vfio_pci_hot_reset>.size
    let total = headerSize + groups.count * MemoryLayout<Int32>.size
    var reset = vfio_pci_hot_reset()
    reset.argsz = try u32(total, DeviceIoctl.pciHotReset.name, on: target)
    reset.count = try u32(groups.count, DeviceIoctl.pciHotReset.name, on: target)
    try withArgumentBuffer(byteCount: total) { (buffer) throws(VFIOError) in
      withUnsafeBytes(of: reset) { buffer.copyMemory(from: $0) }
      for (i, group) in groups.enumerated() {
        buffer.storeBytes(of: group.fileDescriptor.rawValue, toByteOffset: headerSize + i * 4, as: Int32.self)
      }
      try descriptor.callRaw(.pciHotReset, buffer.baseAddress, on: target)
    }
  }

  /// `VFIO_DEVICE_IOEVENTFD`: each signal of `eventfd` makes the kernel write `data`
  /// (`width`: ``IOEventFDFlags/size8`` … ``IOEventFDFlags/size64``) at `offset` in `region` — the other half of a
  /// KVM ioeventfd, so a guest's doorbell write reaches the device without a VMM exit.
  public func setIOEventFD(
    _ eventfd: VFIOEventFD, region: RegionInfo, at offset: UInt64, width: IOEventFDFlags, data: UInt64
  ) throws(VFIOError) {
    try ioeventfd(fd: eventfd.fileDescriptor, region: region, offset: offset, width: width, data: data)
    irqBindings.update { $0.keep(ioeventfd: eventfd) }
  }

  /// `VFIO_DEVICE_IOEVENTFD` with fd -1: removes the matching ioeventfd.
  public func clearIOEventFD(region: RegionInfo, at offset: UInt64, width: IOEventFDFlags, data: UInt64) throws(VFIOError) {
    try ioeventfd(fd: FileDescriptor(rawValue: -1), region: region, offset: offset, width: width, data: data)
  }

  private func ioeventfd(
    fd: FileDescriptor, region: RegionInfo, offset: UInt64, width: IOEventFDFlags, data: UInt64
  ) throws(VFIOError) {
    try checkOwner(of: region, DeviceIoctl.ioeventfd.name)
    let place = "\(target), region \(region.index.rawValue) offset \(offset)"
    let (position, overflow) = region.offset.addingReportingOverflow(offset)
    guard !overflow, offset < region.size else {
      throw VFIOError(operation: DeviceIoctl.ioeventfd.name, target: place, errno: .invalidArgument)
    }
    var request = IOEventFD(flags: width.intersection(.sizeMask), offset: position, data: data, fd: fd)
    try descriptor.call(.ioeventfd, &request, on: place)
  }
}
