/// The ioctls issued on a v2 migration data fd.
public enum MigrationDataIoctl: VFIOIoctlSet {
  /// `VFIO_MIG_GET_PRECOPY_INFO` (`VFIO_BASE + 21`): how much pre-copy data is left to read
  /// (`struct vfio_precopy_info`), in the `PRE_COPY` states.
  case getPrecopyInfo

  public static var fileKind: VFIOFileKind { .migrationData }

  @inlinable
  public var offset: UInt8 {
    switch self {
    case .getPrecopyInfo: 21
    }
  }

  public var name: String {
    switch self {
    case .getPrecopyInfo: "VFIO_MIG_GET_PRECOPY_INFO"
    }
  }
}
