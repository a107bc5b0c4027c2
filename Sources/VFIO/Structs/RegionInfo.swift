import CVFIO

/// The argument of `VFIO_DEVICE_GET_REGION_INFO`: where a region lies in the device
/// file and how it may be accessed.
///
/// The C struct is `struct vfio_region_info`; ``rawValue`` reaches every field.
public struct RegionInfo: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_region_info

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_region_info) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_region_info` and the given fields.
  @inlinable
  public init(index: RegionIndex) {
    rawValue = vfio_region_info()
    rawValue.argsz = UInt32(MemoryLayout<vfio_region_info>.stride)
    self.index = index
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The region asked about.
  @inlinable public var index: RegionIndex {
    get { RegionIndex(rawValue: rawValue.index) }
    set { rawValue.index = newValue.rawValue }
  }

  /// How the region may be accessed.
  @inlinable public var flags: RegionInfoFlags { RegionInfoFlags(rawValue: rawValue.flags) }

  /// The offset of the first capability from the start of the argument, 0 for none
  /// (`cap_offset`; valid with `RegionInfoFlags.capabilities`).
  @inlinable public var capabilityOffset: Int { Int(rawValue.cap_offset) }

  /// The region's size in bytes.
  @inlinable public var size: UInt64 { rawValue.size }

  /// Where the region starts in the device file, for pread, pwrite and mmap.
  @inlinable public var offset: UInt64 { rawValue.offset }
}
