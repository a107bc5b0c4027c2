import SystemPackage

/// sysfs as the package reads it: every path is built from validated components under
/// `root`, and a link is believed only when it resolves to where the kernel puts what it names.
internal struct SysfsTree: Sendable {
  let root: FilePath

  static let system = SysfsTree(root: "/sys")

  /// The buses a device name is looked up on, in order.
  static let buses = ["pci", "mdev", "platform"]

  /// `name` as one path component: not empty, `.` or `..`, and without `/` or NUL.
  static func component(_ name: String, operation: String) throws(VFIOError) -> FilePath.Component {
    guard !name.utf8.contains(0), let component = FilePath.Component(name), component.kind == .regular,
      component.string == name
    else { throw VFIOError(operation: operation, target: name.debugDescription, reason: .sysfs(.notAComponent(name))) }
    return component
  }

  /// `<root>/bus/<bus>/devices/<name>`.
  func deviceDirectory(bus: String, _ name: FilePath.Component) -> FilePath {
    root.appending("bus").appending(bus).appending("devices").appending(name)
  }

  /// `<root>/kernel/iommu_groups/<number>/devices`.
  func groupDevices(_ number: IOMMUGroupNumber) -> FilePath {
    root.appending("kernel").appending("iommu_groups").appending("\(number.rawValue)").appending("devices")
  }

  /// `path` when it is absolute, holds no `.` or `..` and lies under the root.
  func checkedDirectory(_ path: FilePath) throws(VFIOError) -> FilePath {
    guard path.isAbsolute, path.components.allSatisfy({ $0.kind == .regular }), path.starts(with: root),
      path != root
    else { throw VFIOError(operation: "open", target: path.debugDescription, reason: .sysfs(.outsideRoot(path))) }
    return path
  }

  /// The group a device's `iommu_group` link names, believed only when the link resolves to
  /// `<root>/kernel/iommu_groups/<N>` with `N` in canonical decimal.
  func groupNumber(ofDeviceAt directory: FilePath) throws(VFIOError) -> IOMMUGroupNumber {
    let link = directory.appending("iommu_group")
    let target: FilePath
    do { target = try system_realpath(link).get() } catch {
      throw VFIOError(operation: "realpath", target: link.debugDescription, errno: error)
    }
    let groups: FilePath
    do { groups = try system_realpath(root).get().appending("kernel").appending("iommu_groups") } catch {
      throw VFIOError(operation: "realpath", target: root.debugDescription, errno: error)
    }
    guard target.removingLastComponent() == groups, let last = target.lastComponent else {
      throw VFIOError(
        operation: "realpath", target: link.debugDescription, reason: .sysfs(.unexpectedLink(link: link, target: target)))
    }
    guard let number = IOMMUGroupNumber(last.string) else {
      throw VFIOError(operation: "realpath", target: link.debugDescription, reason: .sysfs(.notAGroupNumber(last)))
    }
    return number
  }

  /// The group of the device `name` on the first bus that has it.
  func groupNumber(ofDevice name: String) throws(VFIOError) -> IOMMUGroupNumber {
    let component = try Self.component(name, operation: "realpath")
    for bus in Self.buses {
      let directory = deviceDirectory(bus: bus, component)
      guard case .success = system_realpath(directory) else { continue }
      return try groupNumber(ofDeviceAt: directory)
    }
    let pattern = root.appending("bus").appending("{\(Self.buses.joined(separator: ","))}").appending("devices")
    throw VFIOError(
      operation: "realpath", target: pattern.appending(component).appending("iommu_group").debugDescription,
      errno: .noSuchFileOrDirectory)
  }

  /// The last component of the link at `path`, or nil when there is none.
  func linkName(_ path: FilePath) -> FilePath.Component? {
    guard case .success(let target) = system_readlink(path) else { return nil }
    return FilePath(platformString: target.map { CChar(bitPattern: $0) } + [0]).lastComponent
  }

  /// The devices of group `number` bound to a driver that keeps DMA to itself, by bytes.
  func viabilityBlockers(_ number: IOMMUGroupNumber) throws(VFIOError) -> [GroupViabilityBlocker] {
    let listing = groupDevices(number)
    let devices: [FilePath.Component]
    do { devices = try system_listDirectory(listing).get() } catch {
      throw VFIOError(operation: "opendir", target: listing.debugDescription, errno: error)
    }
    return devices.sorted { $0.string < $1.string }.compactMap { device -> GroupViabilityBlocker? in
        let entry = listing.appending(device)
        // A mediated device's group holds only itself, bound to its vendor's mdev driver.
        guard linkName(entry.appending("subsystem")) != "mdev", let driver = linkName(entry.appending("driver")),
          !Self.sharesDMAOwnership(driver)
        else { return nil }
        return GroupViabilityBlocker(device: device, driver: driver)
      }
  }

  /// vfio-pci itself or one of its variant drivers (`mlx5_vfio_pci`, `xe-vfio-pci`, …);
  /// a name that is not UTF-8 is none of them.
  static func isVFIODriver(_ driver: FilePath.Component, _ wanted: String) -> Bool {
    guard let name = String(validating: driver) else { return false }
    return name == wanted || name.hasSuffix("-" + wanted)
      || name.hasSuffix("_" + String(wanted.map { $0 == "-" ? "_" : $0 }))
  }

  /// Drivers the kernel lets share a group with a VFIO user: VFIO's own, and those that declare
  /// `driver_managed_dma` (pci-stub, and pcieport for the bridges of a group since Linux 5.19's
  /// commit "PCI: portdrv: Set driver_managed_dma"; before it, the kernel let bridges pass anyway).
  static func sharesDMAOwnership(_ driver: FilePath.Component) -> Bool {
    isVFIODriver(driver, "vfio-pci") || isVFIODriver(driver, "vfio-platform")
      || driver == "pci-stub" || driver == "pcieport"
  }
}
