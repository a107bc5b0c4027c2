import SystemPackage

extension VFIOGroup {
  /// The IOMMU group of device `name` — a PCI address (`0000:01:00.0`), an mdev UUID or a
  /// platform device — read from its `iommu_group` link in sysfs.
  ///
  /// `name` must be one path component (``SysfsError/notAComponent(_:)`` otherwise: no `..`, no
  /// `/`), and the link is believed only when it resolves to `<sysfs>/kernel/iommu_groups/<N>`
  /// (``SysfsError/unexpectedLink(link:target:)``) with `N` in canonical decimal
  /// (``SysfsError/notAGroupNumber(_:)``).
  ///
  /// - Parameters:
  ///   - name: The device's directory name under `bus/<bus>/devices`.
  ///   - root: Where sysfs is mounted.
  public static func number(ofDevice name: String, sysfs root: FilePath = "/sys") throws(VFIOError) -> IOMMUGroupNumber {
    try SysfsTree(root: root).groupNumber(ofDevice: name)
  }

  /// The devices that keep group `number` from being viable — bound to a driver other than
  /// VFIO's, pci-stub or pcieport — read from sysfs by bytes and sorted by name; empty when
  /// every device is unbound or bound to such a driver.
  ///
  /// - Parameters:
  ///   - number: The group whose `kernel/iommu_groups/<number>/devices` are read.
  ///   - root: Where sysfs is mounted.
  public static func viabilityBlockers(
    of number: IOMMUGroupNumber, sysfs root: FilePath = "/sys"
  ) throws(VFIOError) -> [GroupViabilityBlocker] {
    try SysfsTree(root: root).viabilityBlockers(number)
  }
}
