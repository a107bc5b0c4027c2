/// The kinds of file descriptor VFIO ioctls are issued on.
///
/// VFIO reuses request numbers across kinds — `VFIO_BASE + 17` is
/// `VFIO_DEVICE_FEATURE` on a device and `VFIO_IOMMU_DIRTY_PAGES` on a
/// container — so a request only has a meaning together with its kind.
public enum VFIOFileKind: String, CaseIterable, Hashable, Sendable {
  /// `/dev/vfio/vfio`, after `VFIO_SET_IOMMU` also the IOMMU.
  case container
  /// `/dev/vfio/N`.
  case group
  /// From `VFIO_GROUP_GET_DEVICE_FD` or `/dev/vfio/devices/vfioN`.
  case device
  /// The data fd a v2 migration state change returns.
  case migrationData = "migration-data"
  /// `/dev/iommu`, which a device cdev binds to (`<linux/iommufd.h>`).
  case iommufd
}
