import CVFIO

/// The state of a POWER PE that `EEHOperation.getState` returns.
@frozen
public struct EEHState: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// MMIO, PIO and DMA flow.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_STATE_NORMAL`.
  @inlinable public static var normal: EEHState {
    EEHState(rawValue: UInt32(bitPattern: VFIO_EEH_PE_STATE_NORMAL))
  }

  /// The PE is in reset.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_STATE_RESET`.
  @inlinable public static var reset: EEHState {
    EEHState(rawValue: UInt32(bitPattern: VFIO_EEH_PE_STATE_RESET))
  }

  /// MMIO, PIO and DMA are stopped.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_STATE_STOPPED`.
  @inlinable public static var stopped: EEHState {
    EEHState(rawValue: UInt32(bitPattern: VFIO_EEH_PE_STATE_STOPPED))
  }

  /// DMA is stopped; MMIO and PIO flow.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_STATE_STOPPED_DMA`.
  @inlinable public static var stoppedDMA: EEHState {
    EEHState(rawValue: UInt32(bitPattern: VFIO_EEH_PE_STATE_STOPPED_DMA))
  }

  /// The state cannot be read.
  ///
  /// The corresponding C constant is `VFIO_EEH_PE_STATE_UNAVAIL`.
  @inlinable public static var unavailable: EEHState {
    EEHState(rawValue: UInt32(bitPattern: VFIO_EEH_PE_STATE_UNAVAIL))
  }
}

extension EEHState: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<EEHState>] = [
    NamedConstant(.normal, "normal", "VFIO_EEH_PE_STATE_NORMAL"),
    NamedConstant(.reset, "reset", "VFIO_EEH_PE_STATE_RESET"),
    NamedConstant(.stopped, "stopped", "VFIO_EEH_PE_STATE_STOPPED"),
    NamedConstant(.stoppedDMA, "stoppedDMA", "VFIO_EEH_PE_STATE_STOPPED_DMA"),
    NamedConstant(.unavailable, "unavailable", "VFIO_EEH_PE_STATE_UNAVAIL"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, EEHState.knownValues) }
}
