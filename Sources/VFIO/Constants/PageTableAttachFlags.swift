import CVFIO

/// The flags of `VFIO_DEVICE_ATTACH_IOMMUFD_PT` (`vfio_device_attach_iommufd_pt.flags`).
@frozen
public struct PageTableAttachFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Attach one PASID of the device (`pasid`), not the whole device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_ATTACH_PASID`.
  @inlinable public static var pasid: PageTableAttachFlags {
    PageTableAttachFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_ATTACH_PASID))
  }
}

extension PageTableAttachFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<PageTableAttachFlags>] = [
    NamedConstant(.pasid, "pasid", "VFIO_DEVICE_ATTACH_PASID"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, PageTableAttachFlags.knownFlags) }
}
