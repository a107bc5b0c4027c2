import CVFIO

/// The argument of `VFIO_DEVICE_GET_REGION_INFO`: where a region lies in the device
/// file and how it may be accessed.
///
/// The C struct is `struct vfio_region_info`; ``rawValue`` reaches every field.
///
/// One that ``VFIODevice/regionInfo(_:)`` returned remembers its device: another device refuses
/// it with ``VFIOError/Reason/otherDevice(_:)`` before any system call (there its offset and size
/// would name another device's region, or nothing). One made with ``init(rawValue:)`` or
/// ``init(index:)`` has no known owner and is passed on.
public struct RegionInfo: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_region_info
  /// The ``VFIODevice`` that read it (its identity), 0 for none known.
  @usableFromInline internal var owner: UInt64

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_region_info) { self.init(rawValue: rawValue, owner: 0) }

  @inlinable internal init(rawValue: vfio_region_info, owner: UInt64) {
    self.rawValue = rawValue
    self.owner = owner
  }

  /// An argument with `argsz` set to the size of `struct vfio_region_info` and the given fields.
  @inlinable
  public init(index: RegionIndex) {
    rawValue = vfio_region_info()
    owner = 0
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
