import CVFIO

/// The flags `VFIO_MIG_GET_PRECOPY_INFO` returns (`vfio_precopy_info.flags`); an output only
/// after ``DeviceFeature/migrationPrecopyInfoV2`` was set, reserved before.
@frozen
public struct PrecopyInfoFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// New initial data is on the stream (a device reconfigured during migration): `initial_bytes` restarts and `dirty_bytes` is relative to it.
  ///
  /// The corresponding C constant is `VFIO_PRECOPY_INFO_REINIT`.
  @inlinable public static var reinitialized: PrecopyInfoFlags {
    PrecopyInfoFlags(rawValue: UInt32(bitPattern: VFIO_PRECOPY_INFO_REINIT))
  }
}

extension PrecopyInfoFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<PrecopyInfoFlags>] = [
    NamedConstant(.reinitialized, "reinitialized", "VFIO_PRECOPY_INFO_REINIT"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, PrecopyInfoFlags.knownFlags) }
}
