/// The ioctls issued on a group (`/dev/vfio/N`).
public enum GroupIoctl: VFIOIoctlSet {
  case getStatus
  case setContainer
  case unsetContainer
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
