import CVFIO

/// Where the fields of `struct vfio_device_migration_info` sit at the start of a
/// v1 migration region, taken from the imported struct's layout.
public enum MigrationRegionV1Layout {
  /// `device_state`.
  public static let deviceState = offset(\.device_state)
  /// `pending_bytes`.
  public static let pendingBytes = offset(\.pending_bytes)
  /// `data_offset`.
  public static let dataOffset = offset(\.data_offset)
  /// `data_size`.
  public static let dataSize = offset(\.data_size)
  /// The header's size; the data section starts at or after it.
  public static let headerSize = UInt64(MemoryLayout<vfio_device_migration_info>.size)

  private static func offset(_ field: PartialKeyPath<vfio_device_migration_info>) -> UInt64 {
    // Every field of this struct is stored, so offset(of:) is never nil (it is nil
    // only for computed properties such as anonymous unions); the tests pin each
    // value to C's offsetof.
    UInt64(MemoryLayout<vfio_device_migration_info>.offset(of: field)!)
  }
}
