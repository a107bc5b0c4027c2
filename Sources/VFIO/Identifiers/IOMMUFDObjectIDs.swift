/// An iommufd IO address space, as `IOMMU_IOAS_ALLOC` returns it.
///
/// Its own type, so an IOAS cannot be passed where a device id is meant (all are `__u32`
/// object ids to the kernel, which would fail such a call with ENOENT at best).
@frozen
public struct IOASID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32
  @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
  public var description: String { "IOAS \(rawValue)" }
}

/// An iommufd hardware page table, as `VFIO_DEVICE_ATTACH_IOMMUFD_PT` reports the one it attached.
@frozen
public struct HWPTID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32
  @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
  public var description: String { "HWPT \(rawValue)" }
}

/// What a device can attach to: an IOAS (the kernel makes a HWPT for it) or a HWPT.
public protocol IOMMUFDPageTable: Sendable, CustomStringConvertible {
  /// The iommufd object id (`pt_id`).
  var objectID: UInt32 { get }
}

extension IOASID: IOMMUFDPageTable {
  @inlinable public var objectID: UInt32 { rawValue }
}

extension HWPTID: IOMMUFDPageTable {
  @inlinable public var objectID: UInt32 { rawValue }
}
