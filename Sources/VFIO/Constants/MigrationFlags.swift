import CVFIO

/// The migration states a device supports, from `VFIO_DEVICE_FEATURE_MIGRATION`.
///
/// 64 bits wide like `vfio_device_feature_migration.flags`, which holds them.
@frozen
public struct MigrationFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt64

  @inlinable
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// The mandatory states: STOP, RUNNING, STOP_COPY and RESUMING.
  ///
  /// The corresponding C constant is `VFIO_MIGRATION_STOP_COPY`.
  @inlinable public static var stopCopy: MigrationFlags {
    MigrationFlags(rawValue: UInt64(UInt32(bitPattern: VFIO_MIGRATION_STOP_COPY)))
  }

  /// RUNNING_P2P, and PRE_COPY_P2P together with `preCopy`.
  ///
  /// The corresponding C constant is `VFIO_MIGRATION_P2P`.
  @inlinable public static var p2p: MigrationFlags {
    MigrationFlags(rawValue: UInt64(UInt32(bitPattern: VFIO_MIGRATION_P2P)))
  }

  /// PRE_COPY, and PRE_COPY_P2P together with `p2p`.
  ///
  /// The corresponding C constant is `VFIO_MIGRATION_PRE_COPY`.
  @inlinable public static var preCopy: MigrationFlags {
    MigrationFlags(rawValue: UInt64(UInt32(bitPattern: VFIO_MIGRATION_PRE_COPY)))
  }
}

extension MigrationFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<MigrationFlags>] = [
    NamedConstant(.stopCopy, "stopCopy", "VFIO_MIGRATION_STOP_COPY"),
    NamedConstant(.p2p, "p2p", "VFIO_MIGRATION_P2P"),
    NamedConstant(.preCopy, "preCopy", "VFIO_MIGRATION_PRE_COPY"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, MigrationFlags.knownFlags) }
}
