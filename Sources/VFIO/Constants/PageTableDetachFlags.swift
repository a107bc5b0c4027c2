import CVFIO

/// The flags of `VFIO_DEVICE_DETACH_IOMMUFD_PT` (`vfio_device_detach_iommufd_pt.flags`).
@frozen
public struct PageTableDetachFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Detach one PASID of the device (`pasid`), not the whole device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_DETACH_PASID`.
  @inlinable public static var pasid: PageTableDetachFlags {
    PageTableDetachFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_DETACH_PASID))
  }
}

extension PageTableDetachFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<PageTableDetachFlags>] = [
    NamedConstant(.pasid, "pasid", "VFIO_DEVICE_DETACH_PASID"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, PageTableDetachFlags.knownFlags) }
}
