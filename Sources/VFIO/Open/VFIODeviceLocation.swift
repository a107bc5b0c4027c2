import SystemPackage

/// Where a device to open lives; each form leads to its sysfs directory, from which the
/// package finds its IOMMU group (type1) or its cdev (iommufd).
public enum VFIODeviceLocation: Sendable, Hashable, CustomStringConvertible {
  /// A PCI function bound to vfio-pci: `/sys/bus/pci/devices/<address>`.
  case pci(PCIAddress)
  /// A device's sysfs directory, e.g. `/sys/bus/pci/devices/0000:00:04.0`: an absolute path
  /// under `/sys` without `.` or `..` (``SysfsError/outsideRoot(_:)`` otherwise).
  case sysfs(FilePath)
  /// A mediated device by UUID: `/sys/bus/mdev/devices/<uuid>`; the UUID must be one path
  /// component (``SysfsError/notAComponent(_:)`` otherwise).
  case mdev(String)
  /// A VFIO device cdev, `/dev/vfio/devices/vfioN`.
  case cdev(FilePath)

  /// The device's directory in `sysfs`, built from validated components: a name with `/`
  /// or a `..`, or a directory outside the root, is ``SysfsError``.
  internal func sysfsDirectory(in sysfs: SysfsTree) throws(VFIOError) -> FilePath {
    switch self {
    case .pci(let address): return sysfs.deviceDirectory(bus: "pci", try SysfsTree.component("\(address)", operation: "open"))
    case .sysfs(let path): return try sysfs.checkedDirectory(path)
    case .mdev(let uuid): return sysfs.deviceDirectory(bus: "mdev", try SysfsTree.component(uuid, operation: "open"))
    case .cdev(let path):
      guard let node = path.lastComponent, node.kind == .regular else {
        throw VFIOError(operation: "open", target: path.debugDescription, reason: .sysfs(.notAComponent(path.string)))
      }
      return sysfs.root.appending("class").appending("vfio-dev").appending(node).appending("device")
    }
  }

  public var description: String {
    switch self {
    case .pci(let address): "\(address)"
    case .sysfs(let path), .cdev(let path): path.string
    case .mdev(let uuid): uuid
    }
  }

  /// The name `VFIO_GROUP_GET_DEVICE_FD` takes: the sysfs directory's own name, which must
  /// be UTF-8 (``SysfsError/nameNotUTF8(_:)``) as the request takes a string.
  internal func deviceName(in sysfs: SysfsTree = .system) throws(VFIOError) -> String {
    let directory = try sysfsDirectory(in: sysfs)
    var name = directory.lastComponent
    // A cdev's `device` link names the device; the others are named by their last component.
    if case .cdev = self {
      let link: [UInt8]
      do { link = try system_readlink(directory).get() } catch {
        throw VFIOError(operation: "readlink", target: directory.debugDescription, errno: error)
      }
      name = FilePath(platformString: link.map { CChar(bitPattern: $0) } + [0]).lastComponent
    }
    guard let name, name.kind == .regular else {
      throw VFIOError(operation: "readlink", target: directory.debugDescription, reason: .notFound("a device name"))
    }
    guard let text = String(validating: name) else {
      throw VFIOError(operation: "open", target: directory.debugDescription, reason: .sysfs(.nameNotUTF8(name)))
    }
    return text
  }

  /// The IOMMU group, from the device's `iommu_group` link.
  internal func groupNumber(in sysfs: SysfsTree = .system) throws(VFIOError) -> IOMMUGroupNumber {
    try sysfs.groupNumber(ofDeviceAt: try sysfsDirectory(in: sysfs))
  }

  /// The device's cdev, from its `vfio-dev/vfioN` directory in sysfs (Linux 6.6 and later).
  internal func cdevPath(in sysfs: SysfsTree = .system) throws(VFIOError) -> FilePath {
    if case .cdev(let path) = self { return path }
    let directory = try sysfsDirectory(in: sysfs).appending("vfio-dev")
    let entries = (try? system_listDirectory(directory).get()) ?? []
    guard let name = entries.first(where: { String(validating: $0)?.hasPrefix("vfio") == true }) else {
      throw VFIOError(operation: "opendir", target: directory.debugDescription, reason: .notFound("a VFIO device cdev"))
    }
    return FilePath("/dev/vfio/devices").appending(name)
  }
}
