import CVFIO

/// The `link_state` of a virtual display's EDID region.
@frozen
public struct GFXLinkState: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// A monitor is connected.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_GFX_LINK_STATE_UP`.
  @inlinable public static var up: GFXLinkState {
    GFXLinkState(rawValue: UInt32(bitPattern: VFIO_DEVICE_GFX_LINK_STATE_UP))
  }

  /// No monitor is connected.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_GFX_LINK_STATE_DOWN`.
  @inlinable public static var down: GFXLinkState {
    GFXLinkState(rawValue: UInt32(bitPattern: VFIO_DEVICE_GFX_LINK_STATE_DOWN))
  }
}

extension GFXLinkState: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<GFXLinkState>] = [
    NamedConstant(.up, "up", "VFIO_DEVICE_GFX_LINK_STATE_UP"),
    NamedConstant(.down, "down", "VFIO_DEVICE_GFX_LINK_STATE_DOWN"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, GFXLinkState.knownValues) }
}
