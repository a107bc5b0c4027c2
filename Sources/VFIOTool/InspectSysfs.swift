import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

/// What sysfs says about a device or group before `vfio inspect` opens anything, so that a
/// device that is absent, bound to another driver or in a group VFIO refuses is named as
/// such instead of as the `ENOENT` or `EINVAL` of a later call. The root is a parameter
/// (`/sys` by default) so the tests can build a sysfs tree of their own. Names are read as
/// bytes and printed escaped (``TerminalText``).
struct InspectSysfs {
  var root: String

  /// The buses a device name may live on, with the driver VFIO needs on each (nil: any).
  private static let buses: [(bus: String, driver: String?)] = [
    ("pci", "vfio-pci"), ("mdev", nil), ("platform", "vfio-platform"),
  ]

  /// The IOMMU group of device `name` (a PCI address, an mdev UUID or a platform device),
  /// after checking that it exists, is bound to its VFIO driver and that its group is viable.
  func checkedGroup(ofDevice name: String) throws(InspectRefusal) -> UInt32 {
    let shown = TerminalText.escaped(name)
    guard !name.utf8.contains(0), let component = FilePath.Component(name), component.kind == .regular,
      component.string == name
    else { throw InspectRefusal("not a device name: \(shown) (one sysfs directory name, without '/' or '..')") }
    guard let (directory, wanted) = deviceDirectory(component) else {
      throw InspectRefusal(
        "no such device: \(shown) (not in " + Self.buses.map { "\(TerminalText.escaped(root))/bus/\($0.bus)/devices" }
          .joined(separator: ", ") + ")")
    }
    if let wanted {
      guard let driver = Self.linkName(directory.appending("driver")) else {
        throw InspectRefusal("\(shown) is not bound to any driver")
      }
      guard Self.isVFIODriver(driver, wanted) else {
        throw InspectRefusal("\(shown) is not bound to \(wanted) (bound to \(TerminalText.escaped(driver)))")
      }
    }
    let number: IOMMUGroupNumber
    do { number = try VFIOGroup.number(ofDevice: name, sysfs: FilePath(root)) } catch {
      guard error.errno == .noSuchFileOrDirectory else { throw InspectRefusal(TerminalText.escaped("\(error)")) }
      throw InspectRefusal("\(shown) has no IOMMU group (no IOMMU, and vfio's noiommu mode is off)")
    }
    try checkViable(group: number.rawValue)
    return number.rawValue
  }

  /// Refuses a group with a device bound to a driver that keeps DMA ownership, as the kernel does
  /// (`VFIO_GROUP_FLAGS_VIABLE` clear), deciding on the names' bytes.
  func checkViable(group number: UInt32) throws(InspectRefusal) {
    let blockers: [GroupViabilityBlocker]
    do { blockers = try VFIOGroup.viabilityBlockers(of: IOMMUGroupNumber(rawValue: number), sysfs: FilePath(root)) } catch {
      throw InspectRefusal(
        "no such IOMMU group: \(number) (no \(TerminalText.escaped(root))/kernel/iommu_groups/\(number)/devices)")
    }
    guard blockers.isEmpty else {
      let named = blockers.map { "\(TerminalText.escaped($0.device)) (bound to \(TerminalText.escaped($0.driver)))" }
      throw InspectRefusal(
        "IOMMU group \(number) not viable: devices \(named.joined(separator: ", ")); bind them to vfio-pci or unbind them")
    }
  }

  private func deviceDirectory(_ name: FilePath.Component) -> (FilePath, String?)? {
    for (bus, driver) in Self.buses {
      let directory = FilePath(root).appending("bus").appending(bus).appending("devices").appending(name)
      if directory.withPlatformString({ access($0, F_OK) }) == 0 { return (directory, driver) }
    }
    return nil
  }

  /// The last component of what the symbolic link `path` points to (a device's `driver`), as
  /// bytes, or nil when there is no such link (an unbound device has no `driver`).
  private static func linkName(_ path: FilePath) -> FilePath.Component? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = path.withPlatformString { readlink($0, &buffer, buffer.count - 1) }
    guard count > 0 else { return nil }
    buffer[count] = 0
    return FilePath(platformString: buffer).lastComponent
  }

  /// vfio-pci itself or one of its variant drivers (`mlx5_vfio_pci`, `xe-vfio-pci`, …); a name
  /// that is not UTF-8 is none of them.
  private static func isVFIODriver(_ driver: FilePath.Component, _ wanted: String) -> Bool {
    guard let name = String(validating: driver) else { return false }
    return name == wanted || name.hasSuffix("-" + wanted)
      || name.hasSuffix("_" + String(wanted.map { $0 == "-" ? "_" : $0 }))
  }
}

/// Why `vfio inspect` does not open a device or group: one line on standard error, exit code 1.
struct InspectRefusal: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
