import SystemPackage

extension IOAS {
  /// Opens the device at `location` through its cdev, ready to use: bound to this IOAS's
  /// iommufd, attached to this IOAS (which it keeps alive, as ``attach(_:pasid:)``), and described.
  ///
  /// - Parameters:
  ///   - location: The device: a PCI address, a sysfs directory or mdev UUID (whose `vfio-dev`
  ///     names the cdev), or the cdev path itself.
  ///   - token: The VF token, for a VF whose PF vfio-pci owns.
  public func openDevice(_ location: VFIODeviceLocation, token: VFToken? = nil) throws(VFIOError) -> VFIODevice {
    let path = try location.cdevPath()
    let device = try VFIODevice(cdev: path)
    _ = try device.bind(iommufd: iommufd, token: token)
    try attach(device)
    try device.cacheDescription()
    return device
  }
}
