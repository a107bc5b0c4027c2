/// An iommufd IO address space, as `IOMMU_IOAS_ALLOC` returns it.
///
/// Its own type, so an IOAS cannot be passed where a device id is meant (all are `__u32`
/// object ids to the kernel, which would fail such a call with ENOENT at best).
///
/// An id an ``IOMMUFD`` handed out remembers it: another iommufd refuses it with
/// ``VFIOError/Reason/otherIOMMUFD(_:)`` (there the number names an unrelated object, or none).
/// One made with ``init(rawValue:)`` has no known owner and is passed on. Ids are equal when
/// their numbers are.
@frozen
public struct IOASID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32
  /// The ``IOMMUFD`` that made it (its identity), 0 for none known.
  @usableFromInline internal let owner: UInt64
  @inlinable public init(rawValue: UInt32) { self.init(rawValue: rawValue, owner: 0) }
  @inlinable internal init(rawValue: UInt32, owner: UInt64) {
    self.rawValue = rawValue
    self.owner = owner
  }
  public var description: String { "IOAS \(rawValue)" }
  @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }
  @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// An iommufd hardware page table, as `VFIO_DEVICE_ATTACH_IOMMUFD_PT` reports the one it attached.
///
/// Like ``IOASID``, an id an ``IOMMUFD`` handed out is refused by another one; ids are equal when
/// their numbers are.
@frozen
public struct HWPTID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32
  /// The ``IOMMUFD`` that made it (its identity), 0 for none known.
  @usableFromInline internal let owner: UInt64
  @inlinable public init(rawValue: UInt32) { self.init(rawValue: rawValue, owner: 0) }
  @inlinable internal init(rawValue: UInt32, owner: UInt64) {
    self.rawValue = rawValue
    self.owner = owner
  }
  public var description: String { "HWPT \(rawValue)" }
  @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }
  @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
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
