/// The ioctls issued on a group (`/dev/vfio/N`).
public enum GroupIoctl: VFIOIoctlSet {
  /// `VFIO_GROUP_GET_STATUS` (`VFIO_BASE + 3`): whether the group is viable and set to a container
  /// (`struct vfio_group_status`).
  case getStatus
  /// `VFIO_GROUP_SET_CONTAINER` (`+ 4`): attaches the group to a container, given the container's fd.
  case setContainer
  /// `VFIO_GROUP_UNSET_CONTAINER` (`+ 5`): detaches it; refused while a device of the group is open.
  case unsetContainer
  /// `VFIO_GROUP_GET_DEVICE_FD` (`+ 6`): a device's fd, by its name as a C string; the return value is the fd.
  case getDeviceFD

  public static var fileKind: VFIOFileKind { .group }

  @inlinable
  public var offset: UInt8 {
    switch self {
    case .getStatus: 3
    case .setContainer: 4
    case .unsetContainer: 5
    case .getDeviceFD: 6
    }
  }

  public var name: String {
    switch self {
    case .getStatus: "VFIO_GROUP_GET_STATUS"
    case .setContainer: "VFIO_GROUP_SET_CONTAINER"
    case .unsetContainer: "VFIO_GROUP_UNSET_CONTAINER"
    case .getDeviceFD: "VFIO_GROUP_GET_DEVICE_FD"
    }
  }
}
