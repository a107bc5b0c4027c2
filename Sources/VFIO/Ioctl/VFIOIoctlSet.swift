import CVFIO

/// The ioctls of one ``VFIOFileKind``.
///
/// Each conforming enum names every VFIO ioctl of its kind. Every VFIO ioctl is
/// `_IO(VFIO_TYPE, VFIO_BASE + offset)`: the argument size and direction are not
/// part of the request number, and `argsz` inside the argument carries the size.
public protocol VFIOIoctlSet: CaseIterable, Hashable, Sendable, CustomStringConvertible
where AllCases == [Self] {
  /// The kind of descriptor these requests are issued on.
  static var fileKind: VFIOFileKind { get }
  /// `n` in `VFIO_BASE + n`.
  var offset: UInt8 { get }
  /// The C macro name, e.g. `VFIO_DEVICE_GET_INFO`.
  var name: String { get }
}

extension VFIOIoctlSet {
  /// The ioctl number field: `VFIO_BASE + offset`.
  @inlinable
  public var number: UInt8 { UInt8(VFIO_BASE) + offset }

  /// The request for `encoding`.
  @inlinable
  public func request(for encoding: IoctlEncoding) -> IoctlRequest {
    .vfio(offset: offset, encoding: encoding)
  }

  /// The request number on the architecture this code runs on; a constant after optimisation.
  @inlinable
  public var requestNumber: UInt { UInt(request(for: .current).rawValue) }

  public var description: String { name }

  /// The ioctl of this kind whose request number is `request`, or nil.
  ///
  /// On a container, a number can name both a type1 and a SPAPR ioctl; the
  /// type1 ioctl, listed first, wins. Use `allCases` to see every candidate.
  public init?(request: UInt, encoding: IoctlEncoding = .current) {
    guard let match = Self.allCases.first(where: { UInt($0.request(for: encoding).rawValue) == request })
    else { return nil }
    self = match
  }
}

extension IoctlRequest {
  /// `_IO(VFIO_TYPE, VFIO_BASE + offset)`: the form of every VFIO request.
  @inlinable
  static func vfio(offset: UInt8, encoding: IoctlEncoding) -> IoctlRequest {
    IoctlRequest(
      unchecked: encoding, direction: [], type: UInt8(CVFIO_TYPE),
      number: UInt8(VFIO_BASE) + offset, size: 0)
  }
}
