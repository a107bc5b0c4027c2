extension Misuse {
  /// Wrong arguments to requests (issue 13, "Wrong arguments compile").
  static let requests: [Misuse] = [
    Misuse(
      name: "a DeviceInfo passed to .getRegionInfo",
      wrong: "var info = DeviceInfo(); try d.ioctl(.getRegionInfo, &info)",
      right: "var info = RegionInfo(index: .pciBAR0); try d.ioctl(.getRegionInfo, &info)",
      diagnostic: "cannot convert value of type 'DeviceInfo' to expected argument type 'VariableLengthArgument<vfio_region_info>'"),
    Misuse(
      name: "a UInt8 passed to .getInfo",
      wrong: "var byte: UInt8 = 0; try d.ioctl(.getInfo, &byte)",
      right: "var info = DeviceInfo(); try d.ioctl(.getInfo, &info)",
      diagnostic: "cannot convert value of type 'UInt8' to expected argument type 'VariableLengthArgument<vfio_device_info>'"),
    Misuse(
      name: "nil passed to .getInfo",
      wrong: "try d.ioctl(.getInfo, nil)",
      right: "var info = DeviceInfo(); try d.ioctl(.getInfo, &info)",
      diagnostic: "'nil' is not compatible with expected argument type 'DeviceInfo'"),
    Misuse(
      name: "a raw vfio_region_info with argsz 0",
      wrong: "var info = vfio_region_info(); try d.ioctl(.getRegionInfo, &info)",
      right: "var info = RegionInfo(rawValue: vfio_region_info()); try d.ioctl(.getRegionInfo, &info)",
      diagnostic: "cannot convert value of type 'vfio_region_info' to expected argument type 'VariableLengthArgument<vfio_region_info>'"),
    Misuse(
      name: "a device request on a container",
      wrong: "try c.ioctl(.reset)",
      right: "try d.ioctl(.reset)",
      diagnostic: "static property 'reset' requires the types 'ContainerIoctl' and 'DeviceIoctl' be equivalent"),
    Misuse(
      name: "an argument to a request that takes none",
      wrong: "var info = DeviceInfo(); try d.ioctl(.reset, &info)",
      right: "try d.ioctl(.reset)",
      diagnostic: "cannot convert value of type 'DeviceInfo' to expected argument type '()'"),
    Misuse(
      name: "a container descriptor relabelled as a device descriptor",
      wrong: "let relabelled = DeviceDescriptor(c.fileDescriptor); try relabelled.ioctl(.reset)",
      right: "let relabelled = DeviceDescriptor(unsafeAssumingKind: c.fileDescriptor); try relabelled.ioctl(.reset)",
      diagnostic: "missing argument label 'unsafeAssumingKind:' in call"),
    Misuse(
      name: "a capability as the argument of VFIO_SET_IOMMU",
      wrong: "try c.ioctl(.setIOMMU, .unmapAll)",
      right: "try c.ioctl(.setIOMMU, .type1v2)",
      diagnostic: "type 'IOMMUType' has no member 'unmapAll'"),
    Misuse(
      name: "the iommufd size field of another request's struct",
      wrong: "var unmap = iommu_ioas_unmap(); try IOMMUFDDescriptor(unsafeAssumingKind: fd).ioctl(.ioasMap, &unmap)",
      right: "var map = iommu_ioas_map(); try IOMMUFDDescriptor(unsafeAssumingKind: fd).ioctl(.ioasMap, &map)",
      diagnostic: "cannot convert value of type 'iommu_ioas_unmap' to expected argument type 'iommu_ioas_map'"),
  ]
}
