import CVFIO

/// The width of the write a `VFIO_DEVICE_IOEVENTFD` matches; exactly one is set.
@frozen
public struct IOEventFDFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// A 1-byte write.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_IOEVENTFD_8`.
  @inlinable public static var size8: IOEventFDFlags {
    IOEventFDFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_IOEVENTFD_8))
  }

  /// A 2-byte write.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_IOEVENTFD_16`.
  @inlinable public static var size16: IOEventFDFlags {
    IOEventFDFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_IOEVENTFD_16))
  }

  /// A 4-byte write.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_IOEVENTFD_32`.
  @inlinable public static var size32: IOEventFDFlags {
    IOEventFDFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_IOEVENTFD_32))
  }

  /// An 8-byte write.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_IOEVENTFD_64`.
  @inlinable public static var size64: IOEventFDFlags {
    IOEventFDFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_IOEVENTFD_64))
  }

  /// The bits that hold the width.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_IOEVENTFD_SIZE_MASK`.
  @inlinable public static var sizeMask: IOEventFDFlags {
    IOEventFDFlags(rawValue: UInt32(bitPattern: VFIO_DEVICE_IOEVENTFD_SIZE_MASK))
  }
}

extension IOEventFDFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<IOEventFDFlags>] = [
    NamedConstant(.size8, "size8", "VFIO_DEVICE_IOEVENTFD_8"),
    NamedConstant(.size16, "size16", "VFIO_DEVICE_IOEVENTFD_16"),
    NamedConstant(.size32, "size32", "VFIO_DEVICE_IOEVENTFD_32"),
    NamedConstant(.size64, "size64", "VFIO_DEVICE_IOEVENTFD_64"),
  ]

  /// Masks over several flags, checked against C but not used in descriptions.
  static let knownMasks: [NamedConstant<IOEventFDFlags>] = [
    NamedConstant(.sizeMask, "sizeMask", "VFIO_DEVICE_IOEVENTFD_SIZE_MASK"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, IOEventFDFlags.knownFlags) }
}
