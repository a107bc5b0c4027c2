/// A VFIO request together with the type of the argument the kernel expects for it.
///
/// The argument type is part of the request's type, so `descriptor.ioctl(.getRegionInfo, &info)`
/// compiles only when `info` is a ``RegionInfo`` (or a variable-length argument with a
/// `vfio_region_info` header): the kernel reads `arg` as that struct whatever Swift passes.
/// The untyped form is ``VFIODescriptor/unsafeRawIoctl(_:_:retryOnInterrupt:)``.
@frozen
public struct VFIORequest<Kind: VFIOIoctlSet, Argument: ~Copyable>: Sendable {
  /// The request, without its argument type: its number, name and kind.
  public let ioctl: Kind

  @inlinable
  internal init(_ ioctl: Kind) { self.ioctl = ioctl }
}

extension VFIORequest: Equatable where Argument: ~Copyable {
  @inlinable
  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.ioctl == rhs.ioctl }
}

extension VFIORequest: Hashable where Argument: ~Copyable {
  @inlinable
  public func hash(into hasher: inout Hasher) { hasher.combine(ioctl) }
}

extension VFIORequest: CustomStringConvertible where Argument: ~Copyable {
  public var description: String { ioctl.name }
}
