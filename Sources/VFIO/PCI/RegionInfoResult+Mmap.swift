extension VFIOInfo where Info == RegionInfo, Capability == RegionInfoCapability {
  /// The parts of the region that may be mmapped: none without ``RegionInfoFlags/mmap``, the areas
  /// of a `VFIO_REGION_INFO_CAP_SPARSE_MMAP` capability when it has one (empty areas left out), else
  /// the whole region.
  public var mmapAreas: [SparseMmapArea] {
    guard info.flags.contains(.mmap) else { return [] }
    for case .sparseMmap(let areas) in capabilities { return areas.filter { $0.size != 0 } }
    return info.size == 0 ? [] : [SparseMmapArea(offset: 0, size: info.size)]
  }

  /// Whether the region carries `VFIO_REGION_INFO_CAP_MSIX_MAPPABLE`: the kernel lets the MSI-X
  /// table it holds be mmapped with the rest of the BAR (older kernels leave the table out of
  /// ``mmapAreas`` instead; either way, ``allowsMmap(offset:count:)`` answers for a given range).
  public var allowsMSIXTableMmap: Bool { capabilities.contains(.msixMappable) }

  /// Whether the `count` bytes at `offset` lie wholly inside one of ``mmapAreas``.
  public func allowsMmap(offset: UInt64, count: UInt64) -> Bool {
    mmapAreas.contains { $0.contains(offset: offset, count: count) }
  }
}

extension SparseMmapArea {
  /// Whether the `count` bytes at `offset` lie wholly inside this area.
  internal func contains(offset start: UInt64, count: UInt64) -> Bool {
    let (end, overflow) = start.addingReportingOverflow(count)
    return !overflow && start >= offset && end <= offset &+ size && offset <= offset &+ size
  }
}
