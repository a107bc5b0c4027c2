import CVFIO

/// The `device_state` word of the v1 migration region (Linux 5.8–5.17).
///
/// Bit 0 is RUNNING, bit 1 SAVING, bit 2 RESUMING; bits 3–31 are reserved and
/// belong to the device, so a value read from the region keeps them when a new
/// state is applied (see ``applying(_:)``).
///
/// The header names these bits `VFIO_DEVICE_STATE_V1_*`. Before Linux 5.18 they
/// were `VFIO_DEVICE_STATE_*`, and `VFIO_DEVICE_STATE_RUNNING` is now the v2
/// enumerator 2, not the v1 bit 1: never mix the two interfaces' constants. The
/// package reads them through CVFIO's own `CVFIO_DEVICE_STATE_V1_*`, defined from
/// whichever name the installed header uses.
@frozen
public struct MigrationStateV1: OptionSet, Sendable, Hashable {
  public var rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The device runs.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_V1_RUNNING`.
  @inlinable
  public static var running: MigrationStateV1 { .init(rawValue: UInt32(CVFIO_DEVICE_STATE_V1_RUNNING)) }

  /// The driver gathers device state for the user to save.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_V1_SAVING`.
  @inlinable
  public static var saving: MigrationStateV1 { .init(rawValue: UInt32(CVFIO_DEVICE_STATE_V1_SAVING)) }

  /// The driver loads device state the user writes.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_V1_RESUMING`.
  @inlinable
  public static var resuming: MigrationStateV1 { .init(rawValue: UInt32(CVFIO_DEVICE_STATE_V1_RESUMING)) }

  /// The three bits the protocol defines.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_MASK`.
  @inlinable
  public static var mask: MigrationStateV1 { .init(rawValue: UInt32(CVFIO_DEVICE_STATE_MASK)) }

  // Named states (000b … 110b). 101b and 111b have no name: they are invalid.

  /// 000b: stopped, neither saving nor resuming.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_V1_STOP`.
  @inlinable
  public static var stop: MigrationStateV1 { .init(rawValue: UInt32(CVFIO_DEVICE_STATE_V1_STOP)) }

  /// 010b: stopped while the state is saved (stop-and-copy).
  @inlinable
  public static var stopAndCopy: MigrationStateV1 { .saving }

  /// 011b: running while the state is saved (pre-copy).
  @inlinable
  public static var preCopy: MigrationStateV1 { .init(rawValue: running.rawValue | saving.rawValue) }

  /// 110b: the driver failed; only a device reset leaves this state.
  @inlinable
  public static var error: MigrationStateV1 { .init(rawValue: saving.rawValue | resuming.rawValue) }

  /// The protocol bits (0–2) without the reserved ones.
  @inlinable
  public var protocolBits: MigrationStateV1 { .init(rawValue: rawValue & MigrationStateV1.mask.rawValue) }

  /// The reserved bits (3–31) as the device reported them.
  @inlinable
  public var reservedBits: UInt32 { rawValue & ~MigrationStateV1.mask.rawValue }

  /// `VFIO_DEVICE_STATE_VALID(state)`: RESUMING may not be combined with another bit.
  ///
  /// Like the macro, it ignores the reserved bits and calls the error state invalid.
  @inlinable
  public var isValid: Bool {
    // Raw bit operations rather than SetAlgebra's generic ones: callers check
    // every word they read, and unoptimised builds do not specialise generics.
    let resuming = MigrationStateV1.resuming.rawValue
    guard rawValue & resuming != 0 else { return true }
    return rawValue & MigrationStateV1.mask.rawValue == resuming
  }

  /// `VFIO_DEVICE_STATE_IS_ERROR(state)`: the protocol bits are SAVING | RESUMING.
  @inlinable
  public var isError: Bool { rawValue & MigrationStateV1.mask.rawValue == MigrationStateV1.error.rawValue }

  /// `VFIO_DEVICE_STATE_SET_ERROR(state)`: the error state, reserved bits kept.
  @inlinable
  public func settingError() -> MigrationStateV1 { applying(.error) }

  /// The state to write back after reading `self` from the device: `new`'s
  /// protocol bits, `self`'s reserved bits (the read-modify-write the protocol asks for).
  @inlinable
  public func applying(_ new: MigrationStateV1) -> MigrationStateV1 {
    MigrationStateV1(rawValue: reservedBits | (new.rawValue & MigrationStateV1.mask.rawValue))
  }
}

extension MigrationStateV1: CustomStringConvertible {
  /// The protocol state's name, the bits in binary, and any reserved bits.
  public var description: String {
    let name =
      switch protocolBits {
      case .stop: "stop"
      case .running: "running"
      case .stopAndCopy: "stop-and-copy"
      case .preCopy: "pre-copy"
      case .resuming: "resuming"
      case .error: "error"
      default: "invalid"
      }
    let bits = String(protocolBits.rawValue, radix: 2)
    let padded = String(repeating: "0", count: max(0, 3 - bits.count)) + bits
    let reserved = reservedBits == 0 ? "" : ", reserved 0x\(String(reservedBits, radix: 16))"
    return "\(name) (\(padded)b\(reserved))"
  }
}
