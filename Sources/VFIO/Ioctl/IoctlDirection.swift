/// Which way an ioctl's argument travels, as seen from user space.
///
/// The empty set is `_IO` (no data), `.write` is `_IOW`, `.read` is `_IOR`,
/// and both are `_IOWR`. How these map to bits depends on the ``IoctlEncoding``.
@frozen
public struct IoctlDirection: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8

  @inlinable
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// User space writes the argument to the kernel (`_IOW`).
  @inlinable public static var write: IoctlDirection { .init(rawValue: 1 << 0) }

  /// The kernel writes the argument back to user space (`_IOR`).
  @inlinable public static var read: IoctlDirection { .init(rawValue: 1 << 1) }
}

extension IoctlDirection: CustomStringConvertible {
  /// The C macro that builds a request with this direction.
  public var description: String {
    switch (contains(.read), contains(.write)) {
    case (false, false): "_IO"
    case (true, false): "_IOR"
    case (false, true): "_IOW"
    case (true, true): "_IOWR"
    }
  }
}
