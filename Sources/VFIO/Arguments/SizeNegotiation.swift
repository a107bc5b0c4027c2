import CVFIO

import SystemPackage

extension VariableLengthArgument {
  /// The size limit info queries use unless told otherwise.
  public static var defaultSizeLimit: Int { 1 << 20 }

  /// Issues an info ioctl and, when the kernel answers that `argsz` was too
  /// small, retries with the size it asked for.
  ///
  /// A kernel that reports an `argsz` below the fixed struct, above
  /// `sizeLimit`, or larger again on every one of `attempts` tries is not
  /// believed: each gives a typed error instead of another allocation.
  static func negotiatingSize(
    _ header: Header, sizeLimit: Int, attempts: Int = 4,
    _ issue: (UnsafeMutableRawPointer) throws(Errno) -> Void
  ) throws(ArgumentSizeError) -> VariableLengthArgument {
    let fixed = MemoryLayout<Header>.size
    let limit = Swift.min(Swift.max(sizeLimit, fixed), Int(UInt32.max))
    var sizes: [Int] = []
    var size = fixed
    for _ in 0..<Swift.max(attempts, 1) {
      let argument = VariableLengthArgument(header, totalSize: size)
      sizes.append(size)
      do throws(Errno) {
        try issue(argument.base)
      } catch {
        throw .system(error)
      }
      let reported = Int(argument.header.argsz)
      guard reported >= fixed else {
        throw .reportedSizeBelowFixedStruct(reported: reported, fixedSize: fixed)
      }
      if reported <= size { return argument }
      guard reported <= limit else {
        throw .reportedSizeAboveLimit(reported: reported, limit: sizeLimit)
      }
      size = reported
    }
    throw .reportedSizeKeptGrowing(sizes: sizes + [size])
  }
}

extension VFIODescriptor where Request == DeviceIoctl {
  /// `VFIO_DEVICE_GET_INFO`, with its capability chain.
  public func deviceInfo(
    sizeLimit: Int = VariableLengthArgument<vfio_device_info>.defaultSizeLimit
  ) throws(ArgumentSizeError) -> VariableLengthArgument<vfio_device_info> {
    try .negotiatingSize(vfio_device_info(), sizeLimit: sizeLimit) { (argument) throws(Errno) in
      try self.unsafeRawIoctl(.getInfo, argument)
    }
  }

  /// `VFIO_DEVICE_GET_REGION_INFO` for region `index`, with its capability chain.
  public func regionInfo(
    index: RegionIndex,
    sizeLimit: Int = VariableLengthArgument<vfio_region_info>.defaultSizeLimit
  ) throws(ArgumentSizeError) -> VariableLengthArgument<vfio_region_info> {
    var header = vfio_region_info()
    header.index = index.rawValue
    return try .negotiatingSize(header, sizeLimit: sizeLimit) { (argument) throws(Errno) in
      try self.unsafeRawIoctl(.getRegionInfo, argument)
    }
  }
}

extension VFIODescriptor where Request == ContainerIoctl {
  /// `VFIO_IOMMU_GET_INFO` of a type1 IOMMU, with its capability chain.
  public func iommuInfo(
    sizeLimit: Int = VariableLengthArgument<vfio_iommu_type1_info>.defaultSizeLimit
  ) throws(ArgumentSizeError) -> VariableLengthArgument<vfio_iommu_type1_info> {
    try .negotiatingSize(vfio_iommu_type1_info(), sizeLimit: sizeLimit) {
      (argument) throws(Errno) in
      try self.unsafeRawIoctl(.iommuGetInfo, argument)
    }
  }
}
