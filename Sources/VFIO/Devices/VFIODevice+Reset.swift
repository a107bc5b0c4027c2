import CVFIO
import SystemPackage

/// A device a PCI hot reset also resets, from `VFIO_DEVICE_GET_PCI_HOT_RESET_INFO`.
public struct VFIOHotResetDependency: Hashable, Sendable, CustomStringConvertible {
  /// The IOMMU group (or, for a cdev-opened device, the iommufd device id).
  public var groupID: UInt32
  public var segment: UInt16
  public var bus: UInt8
  public var devfn: UInt8

  public var description: String {
    func hex(_ value: some BinaryInteger, _ width: Int) -> String {
      let digits = String(value, radix: 16)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(hex(segment, 4)):\(hex(bus, 2)):\(hex(devfn >> 3, 2)).\(devfn & 7) group \(groupID)"
  }
}

extension VFIODevice {
  /// `VFIO_DEVICE_GET_PCI_HOT_RESET_INFO`: the devices a hot reset of this one affects.
  public func hotResetDependencies() throws(VFIOError) -> [VFIOHotResetDependency] {
    let headerSize = MemoryLayout<vfio_pci_hot_reset_info>.size
    let entrySize = MemoryLayout<vfio_pci_dependent_device>.stride
    var header = vfio_pci_hot_reset_info()
    header.argsz = UInt32(headerSize)
    do { try descriptor.ioctl(.getPCIHotResetInfo, &header) } catch {
      // ENOSPC is the kernel's way of saying how many entries to make room for.
      guard error == .noSpace else {
        throw VFIOError(operation: DeviceIoctl.getPCIHotResetInfo.name, target: target, errno: error)
      }
    }
    let count = Int(header.count)
    let total = headerSize + count * entrySize
    return try withArgumentBuffer(byteCount: total) { (buffer) throws(VFIOError) -> [VFIOHotResetDependency] in
      header.argsz = UInt32(total)
      header.count = 0
      withUnsafeBytes(of: header) { buffer.copyMemory(from: $0) }
      try descriptor.call(.getPCIHotResetInfo, buffer.baseAddress, on: target)
      let filled = buffer.load(as: vfio_pci_hot_reset_info.self)
      return (0..<min(Int(filled.count), count)).map { i in
        let entry = buffer.loadUnaligned(fromByteOffset: headerSize + i * entrySize, as: vfio_pci_dependent_device.self)
        return VFIOHotResetDependency(groupID: entry.group_id, segment: entry.segment, bus: entry.bus, devfn: entry.devfn)
      }
    }
  }

  /// `VFIO_DEVICE_PCI_HOT_RESET`: resets the bus, proving ownership of every
  /// affected group by passing their descriptors.
  public func hotReset(groups: [GroupDescriptor]) throws(VFIOError) {
    let headerSize = MemoryLayout<vfio_pci_hot_reset>.size
    let total = headerSize + groups.count * MemoryLayout<Int32>.size
    var reset = vfio_pci_hot_reset()
    reset.argsz = UInt32(total)
    reset.count = UInt32(groups.count)
    try withArgumentBuffer(byteCount: total) { (buffer) throws(VFIOError) in
      withUnsafeBytes(of: reset) { buffer.copyMemory(from: $0) }
      for (i, group) in groups.enumerated() {
        buffer.storeBytes(of: group.fileDescriptor.rawValue, toByteOffset: headerSize + i * 4, as: Int32.self)
      }
      try descriptor.call(.pciHotReset, buffer.baseAddress, on: target)
    }
  }

  /// `VFIO_DEVICE_IOEVENTFD`: each signal of `eventfd` makes the kernel write `data`
  /// (`width` bytes: 1, 2, 4 or 8) at `offset` in `region` — the other half of a
  /// KVM ioeventfd, so a guest's doorbell write reaches the device without a VMM exit.
  public func setIOEventFD(
    _ eventfd: borrowing VFIOEventFD, region: vfio_region_info, at offset: UInt64, width: Int, data: UInt64
  ) throws(VFIOError) {
    try ioeventfd(fd: eventfd.fileDescriptor.rawValue, region: region, offset: offset, width: width, data: data)
  }

  /// `VFIO_DEVICE_IOEVENTFD` with fd -1: removes the matching ioeventfd.
  public func clearIOEventFD(region: vfio_region_info, at offset: UInt64, width: Int, data: UInt64) throws(VFIOError) {
    try ioeventfd(fd: -1, region: region, offset: offset, width: width, data: data)
  }

  private func ioeventfd(fd: Int32, region: vfio_region_info, offset: UInt64, width: Int, data: UInt64) throws(VFIOError) {
    var request = vfio_device_ioeventfd()
    request.argsz = UInt32(MemoryLayout<vfio_device_ioeventfd>.size)
    request.flags = UInt32(truncatingIfNeeded: width) & UInt32(VFIO_DEVICE_IOEVENTFD_SIZE_MASK)
    request.offset = region.offset &+ offset
    request.data = data
    request.fd = fd
    try descriptor.call(.ioeventfd, &request, on: "\(target), region \(region.index) offset \(offset)")
  }
}
