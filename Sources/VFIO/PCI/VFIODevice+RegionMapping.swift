import CVFIO
import SystemPackage

extension VFIODevice {
  /// Maps every mmap-able area of `region` (its ``VFIOInfo/mmapAreas``: the sparse mmap areas, or the
  /// whole region when it is flagged mmap and has none) into one owner that also reaches the rest
  /// of the region through `pread`/`pwrite`.
  ///
  /// A region without mmap gives an owner with no areas: every access is a `pread` or `pwrite`.
  /// The areas are mapped writable when the region has ``RegionInfoFlags/write``; stores to a
  /// read-only region go to `pwrite`, for the kernel to refuse.
  ///
  /// - Throws: ``VFIOError/Reason/outOfRange(offset:count:limit:)`` for an area that leaves the
  ///   region or this process's address space, ``VFIOError/Reason/countAboveLimit(what:count:limit:)``
  ///   for more than ``VFIORegionMapping/areaLimit`` areas, ``VFIOError/Reason/otherDevice(_:)`` for a
  ///   region another device read; the kernel's errno for a failed `mmap`
  ///   (areas mapped before it are unmapped) or `F_DUPFD_CLOEXEC`.
  public func map(region: RegionInfoResult) throws(VFIOError) -> VFIORegionMapping {
    let info = region.info
    try checkOwner(of: info, "mmap")
    let place = "\(target), region \(info.index.rawValue)"
    let areas = region.mmapAreas
    try VFIOError.check(
      UInt32(clamping: areas.count), of: "mmap areas", limit: UInt32(VFIORegionMapping.areaLimit),
      operation: "mmap", target: place)
    for area in areas {
      let (end, overflow) = area.offset.addingReportingOverflow(area.size)
      let (position, overflow2) = info.offset.addingReportingOverflow(area.offset)
      guard !overflow, !overflow2, end <= info.size, Int(exactly: area.size) != nil, Int64(exactly: position) != nil else {
        throw VFIOError(operation: "mmap", target: place, reason: .outOfRange(offset: area.offset, count: area.size, limit: info.size))
      }
    }
    let writable = info.flags.contains(.write)
    let descriptor = try self.descriptor.duplicate(for: "mmap", on: place)
    var mapped: [VFIORegionMapping.MappedArea] = []
    for area in areas {
      switch system_mmap(length: Int(area.size), writable: writable, fileDescriptor: descriptor, offset: Int64(info.offset + area.offset)) {
      case .success(let address): mapped.append(VFIORegionMapping.MappedArea(area: area, base: address))
      case .failure(let errno):
        for entry in mapped { _ = system_munmap(entry.base, Int(entry.area.size)) }
        _ = system_close(descriptor)
        throw VFIOError(operation: "mmap", target: "\(place) offset \(area.offset)", errno: errno)
      }
    }
    return VFIORegionMapping(region: info, areas: mapped, writable: writable, descriptor: descriptor)
  }
}
