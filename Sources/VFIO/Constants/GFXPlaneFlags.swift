import CVFIO

/// What `VFIO_DEVICE_QUERY_GFX_PLANE` asks for or reports.
@frozen
public struct GFXPlaneFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Ask whether the plane type also given is supported.
  ///
  /// The corresponding C constant is `VFIO_GFX_PLANE_TYPE_PROBE`.
  @inlinable public static var probe: GFXPlaneFlags {
    GFXPlaneFlags(rawValue: UInt32(bitPattern: VFIO_GFX_PLANE_TYPE_PROBE))
  }

  /// The plane is exported as a dma-buf.
  ///
  /// The corresponding C constant is `VFIO_GFX_PLANE_TYPE_DMABUF`.
  @inlinable public static var dmabuf: GFXPlaneFlags {
    GFXPlaneFlags(rawValue: UInt32(bitPattern: VFIO_GFX_PLANE_TYPE_DMABUF))
  }

  /// The plane lies in a device region.
  ///
  /// The corresponding C constant is `VFIO_GFX_PLANE_TYPE_REGION`.
  @inlinable public static var region: GFXPlaneFlags {
    GFXPlaneFlags(rawValue: UInt32(bitPattern: VFIO_GFX_PLANE_TYPE_REGION))
  }
}

extension GFXPlaneFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<GFXPlaneFlags>] = [
    NamedConstant(.probe, "probe", "VFIO_GFX_PLANE_TYPE_PROBE"),
    NamedConstant(.dmabuf, "dmabuf", "VFIO_GFX_PLANE_TYPE_DMABUF"),
    NamedConstant(.region, "region", "VFIO_GFX_PLANE_TYPE_REGION"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, GFXPlaneFlags.knownFlags) }
}
