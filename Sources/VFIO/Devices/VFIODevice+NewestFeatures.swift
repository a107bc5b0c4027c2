import CVFIO
import SystemPackage

extension VFIODevice {
  /// The most ranges one dma-buf request carries: the kernel caps `nr_ranges` far lower;
  /// this bounds the argument the package builds.
  public static let dmaBufRangeLimit = 4096

  /// Exports `ranges` of `region` as one dma-buf (`VFIO_DEVICE_FEATURE_DMA_BUF`, GET).
  ///
  /// A kernel without the feature answers ENOTTY; one that cannot share the region
  /// (no P2P provider, not mmappable) EINVAL or EOPNOTSUPP.
  ///
  /// - Parameters:
  ///   - region: The region the ranges are in (a PCI BAR).
  ///   - ranges: Byte ranges of the region, at most ``dmaBufRangeLimit``.
  ///   - options: Flags for the new descriptor, as `open(2)` takes them (`open_flags`);
  ///     close-on-exec is always added.
  ///   - access: How the dma-buf may be accessed.
  ///
  /// A descriptor the kernel returns that is no dma-buf new to the package is
  /// ``VFIOError/Reason/descriptorRefused(_:)`` and left open.
  public func dmaBuf(
    region: RegionIndex, ranges: [RegionDMARange], options: FileDescriptor.OpenOptions = [],
    access: FileDescriptor.AccessMode = .readWrite
  ) throws(VFIOError) -> DMABuf {
    guard !ranges.isEmpty, ranges.count <= Self.dmaBufRangeLimit else {
      throw VFIOError(
        operation: "VFIO_DEVICE_FEATURE_DMA_BUF", target: target,
        reason: .argumentSize(.elementCountOutOfRange(count: ranges.count, limit: Self.dmaBufRangeLimit)))
    }
    let headerSize = MemoryLayout<vfio_device_feature_dma_buf>.size
    let rangeSize = MemoryLayout<vfio_region_dma_range>.stride
    var header = vfio_device_feature_dma_buf()
    header.region_index = region.rawValue
    header.open_flags = UInt32(bitPattern: access.rawValue | options.union(.closeOnExec).rawValue)
    header.nr_ranges = UInt32(ranges.count)
    var payload = [UInt8](repeating: 0, count: headerSize + ranges.count * rangeSize)
    payload.withUnsafeMutableBytes { bytes in
      bytes.storeBytes(of: header, as: vfio_device_feature_dma_buf.self)
      for (index, range) in ranges.enumerated() {
        bytes.storeBytes(
          of: vfio_region_dma_range(offset: range.offset, length: range.length),
          toByteOffset: headerSize + index * rangeSize, as: vfio_region_dma_range.self)
      }
    }
    let fd = try getFeature(.dmaBuf, payload: &payload)
    return DMABuf(adopting: try VFIOError.adopting(fd, as: .dmaBuf, operation: "VFIO_DEVICE_FEATURE_DMA_BUF", target: target))
  }

  /// Sets the VF token that users of this PF's VFs must present
  /// (`VFIO_DEVICE_FEATURE_PCI_VF_TOKEN`, SET).
  public func setVFToken(_ token: VFToken) throws(VFIOError) {
    let payload = withUnsafeBytes(of: token.bytes) { Array($0) }
    try setFeature(.pciVFToken, payload: payload)
  }

  /// Opts in to precopy info v2 (`VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2`, SET): from now
  /// on ``PrecopyInfo/flags`` reports ``PrecopyInfoFlags/reinitialized``. ENOTTY from a
  /// kernel or driver without it.
  public func enablePrecopyInfoV2() throws(VFIOError) {
    try setFeature(.migrationPrecopyInfoV2, payload: [])
  }
}
