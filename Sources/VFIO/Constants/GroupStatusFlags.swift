import CVFIO

/// The state of a group, from `VFIO_GROUP_GET_STATUS`.
@frozen
public struct GroupStatusFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Every device of the group is bound to a VFIO driver or none.
  ///
  /// The corresponding C constant is `VFIO_GROUP_FLAGS_VIABLE`.
  @inlinable public static var viable: GroupStatusFlags {
    GroupStatusFlags(rawValue: UInt32(bitPattern: VFIO_GROUP_FLAGS_VIABLE))
  }

  /// The group belongs to a container.
  ///
  /// The corresponding C constant is `VFIO_GROUP_FLAGS_CONTAINER_SET`.
  @inlinable public static var containerSet: GroupStatusFlags {
    GroupStatusFlags(rawValue: UInt32(bitPattern: VFIO_GROUP_FLAGS_CONTAINER_SET))
  }
}

extension GroupStatusFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<GroupStatusFlags>] = [
    NamedConstant(.viable, "viable", "VFIO_GROUP_FLAGS_VIABLE"),
    NamedConstant(.containerSet, "containerSet", "VFIO_GROUP_FLAGS_CONTAINER_SET"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, GroupStatusFlags.knownFlags) }
}
