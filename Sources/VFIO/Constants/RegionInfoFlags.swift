import CVFIO

/// How a device region may be accessed, from `VFIO_DEVICE_GET_REGION_INFO`.
@frozen
public struct RegionInfoFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The region may be read through the device fd.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_FLAG_READ`.
  @inlinable public static var read: RegionInfoFlags {
    RegionInfoFlags(rawValue: UInt32(bitPattern: VFIO_REGION_INFO_FLAG_READ))
  }

  /// The region may be written through the device fd.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_FLAG_WRITE`.
  @inlinable public static var write: RegionInfoFlags {
    RegionInfoFlags(rawValue: UInt32(bitPattern: VFIO_REGION_INFO_FLAG_WRITE))
  }

  /// The region, or the areas a sparse mmap capability lists, may be mapped.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_FLAG_MMAP`.
  @inlinable public static var mmap: RegionInfoFlags {
    RegionInfoFlags(rawValue: UInt32(bitPattern: VFIO_REGION_INFO_FLAG_MMAP))
  }

  /// `cap_offset` points at a capability chain.
  ///
  /// The corresponding C constant is `VFIO_REGION_INFO_FLAG_CAPS`.
  @inlinable public static var capabilities: RegionInfoFlags {
    RegionInfoFlags(rawValue: UInt32(bitPattern: VFIO_REGION_INFO_FLAG_CAPS))
  }
}

extension RegionInfoFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<RegionInfoFlags>] = [
    NamedConstant(.read, "read", "VFIO_REGION_INFO_FLAG_READ"),
    NamedConstant(.write, "write", "VFIO_REGION_INFO_FLAG_WRITE"),
    NamedConstant(.mmap, "mmap", "VFIO_REGION_INFO_FLAG_MMAP"),
    NamedConstant(.capabilities, "capabilities", "VFIO_REGION_INFO_FLAG_CAPS"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, RegionInfoFlags.knownFlags) }
}
