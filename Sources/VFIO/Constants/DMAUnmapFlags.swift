import CVFIO

/// What `VFIO_IOMMU_UNMAP_DMA` does besides unmapping a range.
@frozen
public struct DMAUnmapFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Return the dirty bitmap of the range in the trailing `vfio_bitmap`.
  ///
  /// The corresponding C constant is `VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP`.
  @inlinable public static var getDirtyBitmap: DMAUnmapFlags {
    DMAUnmapFlags(rawValue: UInt32(bitPattern: VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP))
  }

  /// Unmap every mapping; `iova` and `size` must be 0.
  ///
  /// The corresponding C constant is `VFIO_DMA_UNMAP_FLAG_ALL`.
  @inlinable public static var all: DMAUnmapFlags {
    DMAUnmapFlags(rawValue: UInt32(bitPattern: VFIO_DMA_UNMAP_FLAG_ALL))
  }

  /// Keep the mapping but invalidate its process address until a map with `DMAMapFlags.vaddr`.
  ///
  /// The corresponding C constant is `VFIO_DMA_UNMAP_FLAG_VADDR`.
  @inlinable public static var vaddr: DMAUnmapFlags {
    DMAUnmapFlags(rawValue: UInt32(bitPattern: VFIO_DMA_UNMAP_FLAG_VADDR))
  }
}

extension DMAUnmapFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<DMAUnmapFlags>] = [
    NamedConstant(.getDirtyBitmap, "getDirtyBitmap", "VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP"),
    NamedConstant(.all, "all", "VFIO_DMA_UNMAP_FLAG_ALL"),
    NamedConstant(.vaddr, "vaddr", "VFIO_DMA_UNMAP_FLAG_VADDR"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, DMAUnmapFlags.knownFlags) }
}
