import SystemPackage

/// A device that keeps its IOMMU group from being viable, and the driver that holds it:
/// the kernel gives a group to VFIO only when every device in it is unbound or bound to a
/// driver that leaves DMA to VFIO.
///
/// Both names are sysfs entries taken as bytes, so a name that is not UTF-8 is kept as it is.
public struct GroupViabilityBlocker: Hashable, Sendable, CustomStringConvertible {
  /// The device's entry in the group's `devices` directory (a PCI address, mostly).
  public let device: FilePath.Component
  /// The last component of the device's `driver` link (`nvme`, `e1000e`).
  public let driver: FilePath.Component

  /// `device` bound to `driver`.
  public init(device: FilePath.Component, driver: FilePath.Component) {
    self.device = device
    self.driver = driver
  }

  /// `"0000:01:00.0" (bound to "nvme")`: quoted and escaped, as sysfs names may hold anything.
  public var description: String { "\(device.debugDescription) (bound to \(driver.debugDescription))" }
}
