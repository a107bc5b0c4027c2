import CVFIO

/// The `op` of `VFIO_DEVICE_FEATURE_BUS_MASTER`.
@frozen
public struct BusMasterOperation: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Disable bus mastering: the device's DMA is blocked.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_CLEAR_MASTER`.
  @inlinable public static var clear: BusMasterOperation {
    BusMasterOperation(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_CLEAR_MASTER))
  }

  /// Enable bus mastering.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_SET_MASTER`.
  @inlinable public static var set: BusMasterOperation {
    BusMasterOperation(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_SET_MASTER))
  }
}

extension BusMasterOperation: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<BusMasterOperation>] = [
    NamedConstant(.clear, "clear", "VFIO_DEVICE_FEATURE_CLEAR_MASTER"),
    NamedConstant(.set, "set", "VFIO_DEVICE_FEATURE_SET_MASTER"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, BusMasterOperation.knownValues) }
}
