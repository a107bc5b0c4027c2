import Foundation

/// What sysfs says about a device or group before `vfio inspect` opens anything, so that a
/// device that is absent, bound to another driver or in a group VFIO refuses is named as
/// such instead of as the `ENOENT` or `EINVAL` of a later call. The root is a parameter
/// (`/sys` by default) so the tests can build a sysfs tree of their own.
struct InspectSysfs {
  var root: String

  /// The buses a device name may live on, with the driver VFIO needs on each (nil: any).
  private static let buses: [(bus: String, driver: String?)] = [
    ("pci", "vfio-pci"), ("mdev", nil), ("platform", "vfio-platform"),
  ]

  /// The IOMMU group of device `name` (a PCI address, an mdev UUID or a platform device),
  /// after checking that it exists, is bound to its VFIO driver and that its group is viable.
  func checkedGroup(ofDevice name: String) throws(InspectRefusal) -> UInt32 {
    guard let (directory, wanted) = deviceDirectory(name) else {
      throw InspectRefusal(
        "no such device: \(name) (not in " + Self.buses.map { "\(root)/bus/\($0.bus)/devices" }.joined(separator: ", ") + ")")
    }
    if let wanted {
      guard let driver = link(directory + "/driver") else { throw InspectRefusal("\(name) is not bound to any driver") }
      guard Self.isVFIODriver(driver, wanted) else {
        throw InspectRefusal("\(name) is not bound to \(wanted) (bound to \(driver))")
      }
    }
    guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/iommu_group"),
      let number = UInt32((link as NSString).lastPathComponent)
    else {
      throw InspectRefusal("\(name) has no IOMMU group (no IOMMU, and vfio's noiommu mode is off)")
    }
    try checkViable(group: number)
    return number
  }

  /// Refuses a group with a device bound to a driver that keeps DMA ownership, as the kernel does
  /// (`VFIO_GROUP_FLAGS_VIABLE` clear); the names of the group's devices are returned sorted.
  @discardableResult
  func checkViable(group number: UInt32) throws(InspectRefusal) -> [String] {
    let listing = "\(root)/kernel/iommu_groups/\(number)/devices"
    guard let devices = try? FileManager.default.contentsOfDirectory(atPath: listing).sorted() else {
      throw InspectRefusal("no such IOMMU group: \(number) (no \(listing))")
    }
    let blocking = devices.compactMap { device -> String? in
      let entry = listing + "/" + device
      // A mediated device's group holds only itself, bound to its vendor's mdev driver.
      guard link(entry + "/subsystem") != "mdev", let driver = link(entry + "/driver"),
        !Self.sharesDMAOwnership(driver)
      else { return nil }
      return "\(device) (bound to \(driver))"
    }
    guard blocking.isEmpty else {
      throw InspectRefusal(
        "IOMMU group \(number) not viable: devices \(blocking.joined(separator: ", ")); "
          + "bind them to vfio-pci or unbind them")
    }
    return devices
  }

  private func deviceDirectory(_ name: String) -> (String, String?)? {
    for (bus, driver) in Self.buses {
      let directory = "\(root)/bus/\(bus)/devices/\(name)"
      if !name.isEmpty, !name.contains("/"), FileManager.default.fileExists(atPath: directory) { return (directory, driver) }
    }
    return nil
  }

  /// The last component of what the symbolic link `path` points to (a device's `driver` or
  /// `subsystem`), or nil when there is no such link (an unbound device has no `driver`).
  private func link(_ path: String) -> String? {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { ($0 as NSString).lastPathComponent }
  }

  /// vfio-pci itself or one of its variant drivers (`mlx5_vfio_pci`, `xe-vfio-pci`, …).
  private static func isVFIODriver(_ driver: String, _ wanted: String) -> Bool {
    driver == wanted || driver.hasSuffix("-" + wanted)
      || driver.hasSuffix("_" + wanted.replacingOccurrences(of: "-", with: "_"))
  }

  /// Drivers the kernel lets share a group with a VFIO user: VFIO's own, and those that declare
  /// `driver_managed_dma` (pci-stub, and pcieport for the bridges of a group since Linux 5.19's
  /// commit "PCI: portdrv: Set driver_managed_dma"; before it, the kernel let bridges pass anyway).
  private static func sharesDMAOwnership(_ driver: String) -> Bool {
    isVFIODriver(driver, "vfio-pci") || isVFIODriver(driver, "vfio-platform")
      || ["pci-stub", "pcieport"].contains(driver)
  }
}

/// Why `vfio inspect` does not open a device or group: one line on standard error, exit code 1.
struct InspectRefusal: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
