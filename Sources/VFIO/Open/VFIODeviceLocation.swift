import SystemPackage

/// Where a device to open lives; each form leads to its sysfs directory, from which the
/// package finds its IOMMU group (type1) or its cdev (iommufd).
public enum VFIODeviceLocation: Sendable, Hashable, CustomStringConvertible {
  /// A PCI function bound to vfio-pci: `/sys/bus/pci/devices/<address>`.
  case pci(PCIAddress)
  /// A device's sysfs directory, e.g. `/sys/bus/pci/devices/0000:00:04.0`.
  case sysfs(FilePath)
  /// A mediated device by UUID: `/sys/bus/mdev/devices/<uuid>`.
  case mdev(String)
  /// A VFIO device cdev, `/dev/vfio/devices/vfioN`.
  case cdev(FilePath)

  /// The device's directory in sysfs.
  internal var sysfsDirectory: FilePath {
    switch self {
    case .pci(let address): FilePath("/sys/bus/pci/devices/\(address)")
    case .sysfs(let path): path
    case .mdev(let uuid): FilePath("/sys/bus/mdev/devices/\(uuid)")
    case .cdev(let path): FilePath("/sys/class/vfio-dev/\(path.lastComponent?.string ?? "")/device")
    }
  }

  public var description: String {
    switch self {
    case .pci(let address): "\(address)"
    case .sysfs(let path), .cdev(let path): path.string
    case .mdev(let uuid): uuid
    }
  }

  /// The name `VFIO_GROUP_GET_DEVICE_FD` takes: the sysfs directory's own name.
  internal func deviceName() throws(VFIOError) -> String {
    let directory = sysfsDirectory
    // A cdev's `device` link names the device; the others are named by their last component.
    if case .cdev = self {
      let link: String
      do { link = try readLink(directory.string) } catch {
        throw VFIOError(operation: "readlink", target: directory.string, errno: error)
      }
      return FilePath(link).lastComponent?.string ?? link
    }
    return directory.lastComponent?.string ?? directory.string
  }

  /// The IOMMU group, from the device's `iommu_group` link.
  internal func groupNumber() throws(VFIOError) -> IOMMUGroupNumber {
    let link = sysfsDirectory.appending("iommu_group").string
    let target: String
    do { target = try readLink(link) } catch { throw VFIOError(operation: "readlink", target: link, errno: error) }
    guard let number = UInt32(FilePath(target).lastComponent?.string ?? "") else {
      throw VFIOError(operation: "readlink", target: link, reason: .notFound("a group number in \(target)"))
    }
    return IOMMUGroupNumber(rawValue: number)
  }

  /// The device's cdev, from its `vfio-dev/vfioN` directory in sysfs (Linux 6.6 and later).
  internal func cdevPath() throws(VFIOError) -> FilePath {
    if case .cdev(let path) = self { return path }
    let directory = sysfsDirectory.appending("vfio-dev").string
    guard let name = firstEntry(of: directory, prefix: "vfio") else {
      throw VFIOError(operation: "opendir", target: directory, reason: .notFound("a VFIO device cdev"))
    }
    return FilePath("/dev/vfio/devices/\(name)")
  }
}
