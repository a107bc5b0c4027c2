import CVFIO

/// The argument of `VFIO_GROUP_GET_STATUS`: whether a group is viable and in a container.
///
/// The C struct is `struct vfio_group_status`; ``rawValue`` reaches every field.
public struct GroupStatus: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_group_status

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_group_status) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_group_status`; the kernel fills the rest.
  @inlinable
  public init() {
    rawValue = vfio_group_status()
    rawValue.argsz = UInt32(MemoryLayout<vfio_group_status>.stride)
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The group's state.
  @inlinable public var flags: GroupStatusFlags { GroupStatusFlags(rawValue: rawValue.flags) }
}
