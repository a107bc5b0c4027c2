
/// A device as it describes itself: its info and every region and IRQ index, read once when
/// it is opened so that a VMM sets up its BARs and interrupts without more calls.
public struct DeviceDescription: Sendable {
  /// `VFIO_DEVICE_GET_INFO`: flags, region and IRQ counts, capabilities.
  public var info: DeviceInfoResult
  /// Every region index below `info.info.regionCount` the device reports (vfio-pci refuses
  /// the VGA region of a non-VGA device: such indexes are left out).
  public var regions: [RegionInfoResult]
  /// Every IRQ index below `info.info.irqCount`.
  public var irqs: [IRQInfo]

  /// The region with `index`, when the device has it.
  public func region(_ index: RegionIndex) -> RegionInfoResult? { regions.first { $0.info.index == index } }

  /// The IRQ index `index`, when the device has it.
  public func irq(_ index: IRQIndex) -> IRQInfo? { irqs.first { $0.index == index } }
}

extension VFIODevice {
  /// The most region indexes ``describe(regionLimit:irqLimit:)`` queries unless told otherwise:
  /// vfio-pci has 9 plus a few device-specific ones; a count above it is not believed.
  public static var defaultRegionLimit: UInt32 { 1 << 10 }

  /// The most IRQ indexes ``describe(regionLimit:irqLimit:)`` queries unless told otherwise
  /// (vfio-pci has 5).
  public static var defaultIRQLimit: UInt32 { 1 << 10 }

  /// `VFIO_DEVICE_GET_INFO`, then `GET_REGION_INFO` and `GET_IRQ_INFO` of every index it counts;
  /// a device opened with `openDevice` was described when it opened, and answers from that.
  ///
  /// A count above `regionLimit` or `irqLimit` is ``VFIOError/Reason/countAboveLimit(what:count:limit:)``
  /// before any query of an index.
  public func describe(
    regionLimit: UInt32 = defaultRegionLimit, irqLimit: UInt32 = defaultIRQLimit
  ) throws(VFIOError) -> DeviceDescription {
    if let cached = descriptionCache.value.withLock({ $0 }) { return cached }
    let info = try self.info()
    try checkCounts(info.info, regionLimit: regionLimit, irqLimit: irqLimit)
    var regions: [RegionInfoResult] = []
    for index in 0..<info.info.regionCount {
      do { regions.append(try regionInfo(RegionIndex(rawValue: index))) } catch where error.errno == .invalidArgument {
        continue
      }
    }
    var irqs: [IRQInfo] = []
    for index in 0..<info.info.irqCount {
      do { irqs.append(try irqInfo(IRQIndex(rawValue: index))) } catch where error.errno == .invalidArgument {
        continue
      }
    }
    return DeviceDescription(info: info, regions: regions, irqs: irqs)
  }

  /// Checks the region and IRQ counts `info` reports against the limits a caller acts on.
  public func checkCounts(
    _ info: DeviceInfo, regionLimit: UInt32 = defaultRegionLimit, irqLimit: UInt32 = defaultIRQLimit
  ) throws(VFIOError) {
    let operation = DeviceIoctl.getInfo.name
    try VFIOError.check(info.regionCount, of: "regions", limit: regionLimit, operation: operation, target: target)
    try VFIOError.check(info.irqCount, of: "IRQ indexes", limit: irqLimit, operation: operation, target: target)
  }

  internal func cacheDescription() throws(VFIOError) {
    let description = try describe()
    descriptionCache.value.withLock { $0 = description }
  }
}

/// A device's description once read: regions and IRQ indexes do not change while it is open.
internal final class DescriptionCache: Sendable {
  let value = Locked<DeviceDescription?>(nil)
}
