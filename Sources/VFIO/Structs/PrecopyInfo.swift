import CVFIO

/// The argument of `VFIO_MIG_GET_PRECOPY_INFO` on a migration data file: how much
/// PRE_COPY data is left.
///
/// The C struct is `struct vfio_precopy_info`; ``rawValue`` reaches every field.
public struct PrecopyInfo: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_precopy_info

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_precopy_info) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_precopy_info`; the kernel fills the rest.
  @inlinable
  public init() {
    rawValue = vfio_precopy_info()
    rawValue.argsz = UInt32(MemoryLayout<vfio_precopy_info>.stride)
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// What the kernel reports beside the counts; reserved (0) unless the device's
  /// ``DeviceFeature/migrationPrecopyInfoV2`` was set (`flags`).
  @inlinable public var flags: PrecopyInfoFlags { PrecopyInfoFlags(rawValue: rawValue.flags) }

  /// Initial device state not yet read.
  @inlinable public var initialBytes: UInt64 { rawValue.initial_bytes }

  /// State the device changed since it was read.
  @inlinable public var dirtyBytes: UInt64 { rawValue.dirty_bytes }
}
