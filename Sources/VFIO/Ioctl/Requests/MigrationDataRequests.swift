// The migration data descriptor's request with the argument the kernel reads for it.
extension VFIORequest where Kind == MigrationDataIoctl, Argument == PrecopyInfo {
  /// `VFIO_MIG_GET_PRECOPY_INFO`.
  @inlinable public static var getPrecopyInfo: Self { .init(.getPrecopyInfo) }
}
