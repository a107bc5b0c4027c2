import CVFIO

/// Any VFIO ioctl, with the kind of descriptor it is issued on.
///
/// The typed sets (``ContainerIoctl``, ``GroupIoctl``, ``DeviceIoctl``,
/// ``MigrationDataIoctl``, ``IOMMUFDIoctl``) are what requests are issued with; this erased form
/// lists and looks them up together, e.g. to name a number seen in strace.
public struct VFIOIoctl: Hashable, Sendable, CustomStringConvertible {
  /// The kind of descriptor the request is issued on.
  public let fileKind: VFIOFileKind
  /// The C macro name.
  public let name: String
  /// `n` in `VFIO_BASE + n`.
  public let offset: UInt8

  /// The erased form of `ioctl`.
  public init<Set: VFIOIoctlSet>(_ ioctl: Set) {
    fileKind = Set.fileKind
    name = ioctl.name
    offset = ioctl.offset
  }

  /// Every ioctl of the newest `vfio.h`, grouped by descriptor kind, then every ioctl of the
  /// newest `iommufd.h` (issued on an iommufd).
  public static let all: [VFIOIoctl] =
    ContainerIoctl.allCases.map(VFIOIoctl.init)
    + GroupIoctl.allCases.map(VFIOIoctl.init)
    + DeviceIoctl.allCases.map(VFIOIoctl.init)
    + MigrationDataIoctl.allCases.map(VFIOIoctl.init)
    + IOMMUFDIoctl.allCases.map(VFIOIoctl.init)

  /// The ioctl number field: `VFIO_BASE + offset`.
  public var number: UInt8 { UInt8(VFIO_BASE) + offset }

  /// The request for `encoding`.
  public func request(for encoding: IoctlEncoding = .current) -> IoctlRequest {
    .vfio(offset: offset, encoding: encoding)
  }

  /// Every VFIO ioctl whose request number is `request` — one per descriptor kind
  /// that uses the number, since the same number means different things on each.
  public static func identify(
    _ request: UInt, encoding: IoctlEncoding = .current
  ) throws(IoctlRequestError) -> [VFIOIoctl] {
    let decoded = try IoctlRequest(decoding: request, encoding: encoding)
    let matches = all.filter { $0.request(for: encoding) == decoded }
    guard !matches.isEmpty else { throw .unknownRequest(decoded.rawValue, encoding: encoding) }
    return matches
  }

  public var description: String { "\(name) (\(fileKind))" }
}
