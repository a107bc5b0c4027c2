import CVFIO
import SystemPackage

extension IOAS {
  /// `IOMMU_IOAS_MAP_FILE`: `length` bytes of `file` from `offset` become visible at `iova` to
  /// every device attached to this IOAS, without the file being mapped into this process.
  ///
  /// The kernel pins the file's pages (a memfd, or a dma-buf VFIO exported) until
  /// ``unmapDMA(iova:size:)`` removes the range; the descriptor may be closed after the call.
  ///
  /// - Parameters:
  ///   - file: A memfd (`memfd_create`, optionally hugetlb) or a supported dma-buf.
  ///   - offset: The first byte of the file to map.
  ///   - length: How many bytes to map.
  ///   - iova: Where devices see the first byte.
  ///   - access: What devices may do with the memory.
  /// - Throws: ``VFIOError/Reason/unsupported(_:)`` with `ENOTTY` on a kernel without the
  ///   request (before Linux 6.13), where ``unsafeMapDMA(address:size:iova:access:)`` of an
  ///   `mmap` of the file is the fallback.
  public func mapFile(
    _ file: FileDescriptor, offset: UInt64, length: UInt64, iova: UInt64, access: DMAAccess = [.read, .write]
  ) throws(VFIOError) {
    let place = "\(target), fd \(file.rawValue) + \(offset), IOVA \(iova) + \(length)"
    do { try dmaRanges.reserve(iova: iova, size: length) } catch {
      throw VFIOError(operation: IOMMUFDIoctl.ioasMapFile.name, target: place, reason: .dma(error))
    }
    var request = iommu_ioas_map_file.mapping(file, offset: offset, length: length, iova: iova, access: access, ioas: id)
    do { try descriptor.callIfSupported(.ioasMapFile, &request, on: place) } catch {
      dmaRanges.release(iova: iova, size: length)
      throw error
    }
  }

  /// `IOMMU_IOAS_MAP_FILE` of `memory`'s file (a memfd, or a caller's file) at a fixed IOVA, one
  /// request per piece of `granularity` bytes; the returned mapping owns the memory.
  ///
  /// The kernel pins the file's pages instead of walking this process's page tables, so the
  /// mapping does not depend on this process's view of the memory (Linux 6.13 and later).
  ///
  /// - Throws: ``VFIOError/Reason/dma(_:)`` with ``DMAError/noFile`` for anonymous memory;
  ///   ``VFIOError/Reason/unsupported(_:)`` with `ENOTTY` on a kernel without the request, where
  ///   ``map(_:iova:access:granularity:)`` maps the same memory by address.
  public func mapFile(
    _ memory: consuming GuestMemory, iova: UInt64, access: DMAAccess = [.read, .write], granularity: UInt64? = nil
  ) throws(VFIOError) -> DMAMapping {
    guard let file = memory.fileDescriptor else {
      throw VFIOError(operation: IOMMUFDIoctl.ioasMapFile.name, target: "\(target), IOVA \(iova)", reason: .dma(.noFile))
    }
    let backing = DMASpaceKind.FileBacking(fd: file, base: memory.baseAddress, offset: memory.fileOffset)
    let space = try descriptor.duplicate(for: IOMMUFDIoctl.ioasMapFile.name, on: target)
    let handle = DMASpaceHandle(fd: space, kind: .ioasFile(id, backing), ranges: dmaRanges)
    return try makeMapping(memory, iova: iova, access: access, granularity: granularity, handle: handle)
  }

  /// `IOMMU_IOAS_COPY`: maps into this IOAS, at `iova`, the pages `source` maps at
  /// `sourceIOVA ..< sourceIOVA + length`, without pinning them again.
  ///
  /// The source range must be exactly a range mapped with `IOMMU_IOAS_MAP` (or copied); both
  /// IO address spaces must belong to the same iommufd (object ids are per iommufd: an id of
  /// another one names another object or none), or it is ``VFIOError/Reason/otherIOMMUFD(_:)``.
  public func copy(
    from source: borrowing IOAS, sourceIOVA: UInt64, length: UInt64, iova: UInt64, access: DMAAccess = [.read, .write]
  ) throws(VFIOError) {
    guard source.id.owner == id.owner else {
      throw VFIOError(
        operation: IOMMUFDIoctl.ioasCopy.name, target: "\(target), from \(source.id)",
        reason: .otherIOMMUFD(source.id.description))
    }
    var request = iommu_ioas_copy.copying(
      from: source.id, sourceIOVA: sourceIOVA, length: length, to: id, iova: iova, access: access)
    try descriptor.callIfSupported(.ioasCopy, &request, on: "\(target), from \(source.id) IOVA \(sourceIOVA) + \(length) to IOVA \(iova)")
  }

  /// `IOMMU_IOAS_ALLOW_IOVAS`: keeps `ranges` (inclusive bounds) usable in this IOAS: attaching a
  /// device that cannot reach them fails, and ``iovaRanges(limit:)`` never narrows below them.
  /// Replaces the previous list; an empty list removes it.
  ///
  /// Refused with `EINVAL` while the usable ranges are already narrower. More than
  /// ``IOMMUFD/maximumIOVARanges`` ranges is ``VFIOError/Reason/countAboveLimit(what:count:limit:)``
  /// before the kernel is asked.
  public func allowIOVAs(_ ranges: [ClosedRange<UInt64>]) throws(VFIOError) {
    let operation = IOMMUFDIoctl.ioasAllowIOVAs.name
    guard ranges.count <= Int(IOMMUFD.maximumIOVARanges) else {
      throw VFIOError(
        operation: operation, target: target,
        reason: .countAboveLimit(what: "IOVA ranges", count: UInt64(ranges.count), limit: UInt64(IOMMUFD.maximumIOVARanges)))
    }
    var raw = ranges.map { iommu_iova_range(start: $0.lowerBound, last: $0.upperBound) }
    try raw.withUnsafeMutableBufferPointer { (buffer) throws(VFIOError) in
      var request = iommu_ioas_allow_iovas()
      request.ioas_id = id.rawValue
      request.num_iovas = UInt32(buffer.count)
      request.allowed_iovas = UInt64(UInt(bitPattern: buffer.baseAddress))
      try descriptor.callIfSupported(.ioasAllowIOVAs, &request, on: "\(target), \(buffer.count) IOVA ranges")
    }
  }

  /// `IOMMU_OPTION` `IOMMU_OPTION_HUGE_PAGES`: whether the kernel combines contiguous pages into
  /// large IOMMU pages for this IOAS (the default, `true`).
  public func usesHugePages() throws(VFIOError) -> Bool {
    try descriptor.option(.hugePages, object: id.rawValue, on: target) != 0
  }

  /// `IOMMU_OPTION` `IOMMU_OPTION_HUGE_PAGES`: `false` maps everything with the system page size
  /// (for benchmarks); the kernel refuses a change while the IOAS has mappings (`EBUSY`).
  public func setHugePages(_ enabled: Bool) throws(VFIOError) {
    try descriptor.setOption(.hugePages, to: enabled ? 1 : 0, object: id.rawValue, on: target)
  }
}

extension iommu_iova_range {
  init(start: UInt64, last: UInt64) {
    self.init()
    self.start = start
    self.last = last
  }
}

extension DMAAccess {
  /// The access bits of `enum iommufd_ioas_map_flags`.
  internal var iommufdMapFlags: UInt32 {
    (contains(.read) ? UInt32(IOMMU_IOAS_MAP_READABLE.rawValue) : 0)
      | (contains(.write) ? UInt32(IOMMU_IOAS_MAP_WRITEABLE.rawValue) : 0)
  }
}

extension iommu_ioas_map_file {
  /// The argument mapping `length` bytes of `file` at `offset` to the fixed `iova` of `ioas`.
  internal static func mapping(
    _ file: FileDescriptor, offset: UInt64, length: UInt64, iova: UInt64, access: DMAAccess, ioas: IOASID
  ) -> Self {
    var request = iommu_ioas_map_file()
    request.flags = UInt32(IOMMU_IOAS_MAP_FIXED_IOVA.rawValue) | access.iommufdMapFlags
    request.ioas_id = ioas.rawValue
    request.fd = file.rawValue
    request.start = offset
    request.length = length
    request.iova = iova
    return request
  }
}

extension iommu_ioas_copy {
  /// The argument copying `source`'s mapping at `sourceIOVA` to the fixed `iova` of `destination`.
  internal static func copying(
    from source: IOASID, sourceIOVA: UInt64, length: UInt64, to destination: IOASID, iova: UInt64, access: DMAAccess
  ) -> Self {
    var request = iommu_ioas_copy()
    request.flags = UInt32(IOMMU_IOAS_MAP_FIXED_IOVA.rawValue) | access.iommufdMapFlags
    request.dst_ioas_id = destination.rawValue
    request.src_ioas_id = source.rawValue
    request.length = length
    request.dst_iova = iova
    request.src_iova = sourceIOVA
    return request
  }
}
