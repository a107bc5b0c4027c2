import CVFIO

/// The operation of a type1 `VFIO_IOMMU_DIRTY_PAGES` request; exactly one is set.
@frozen
public struct DirtyPagesFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Start tracking dirty pages.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_DIRTY_PAGES_FLAG_START`.
  @inlinable public static var start: DirtyPagesFlags {
    DirtyPagesFlags(rawValue: UInt32(bitPattern: VFIO_IOMMU_DIRTY_PAGES_FLAG_START))
  }

  /// Stop tracking dirty pages.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP`.
  @inlinable public static var stop: DirtyPagesFlags {
    DirtyPagesFlags(rawValue: UInt32(bitPattern: VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP))
  }

  /// Read the dirty bitmap of an IOVA range.
  ///
  /// The corresponding C constant is `VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP`.
  @inlinable public static var getBitmap: DirtyPagesFlags {
    DirtyPagesFlags(rawValue: UInt32(bitPattern: VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP))
  }
}

extension DirtyPagesFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<DirtyPagesFlags>] = [
    NamedConstant(.start, "start", "VFIO_IOMMU_DIRTY_PAGES_FLAG_START"),
    NamedConstant(.stop, "stop", "VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP"),
    NamedConstant(.getBitmap, "getBitmap", "VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, DirtyPagesFlags.knownFlags) }
}
