import CVFIO

/// A state of the v2 migration state machine (`enum vfio_device_mig_state`, Linux 5.18+).
///
/// Open to raw values a newer kernel may add: an unknown value is carried, named
/// by ``description``, and rejected with a typed error wherever a known state
/// is required.
@frozen
public struct MigrationState: RawRepresentable, Sendable, Hashable {
  public var rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// A state from CVFIO's owned name of its enumerator (`CVFIO_DEVICE_STATE_…`), which
  /// every header generation defines with the header's value.
  @inlinable
  init(_ state: some BinaryInteger) { self.rawValue = UInt32(truncatingIfNeeded: state) }

  /// The device failed a transition and could not return to a valid state;
  /// only `VFIO_DEVICE_RESET` leaves it.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_ERROR`.
  @inlinable
  public static var error: MigrationState { .init(CVFIO_DEVICE_STATE_ERROR) }

  /// The device neither runs nor changes its internal state.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_STOP`.
  @inlinable
  public static var stop: MigrationState { .init(CVFIO_DEVICE_STATE_STOP) }

  /// The device runs normally. In v1 headers this name was the bit 1; here it is 2.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_RUNNING`.
  @inlinable
  public static var running: MigrationState { .init(CVFIO_DEVICE_STATE_RUNNING) }

  /// The device is stopped and its internal state streams out of the data fd.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_STOP_COPY`.
  @inlinable
  public static var stopCopy: MigrationState { .init(CVFIO_DEVICE_STATE_STOP_COPY) }

  /// The device is stopped and loads the state written to the data fd.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_RESUMING`.
  @inlinable
  public static var resuming: MigrationState { .init(CVFIO_DEVICE_STATE_RESUMING) }

  /// Running, except that the device starts no peer-to-peer DMA.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_RUNNING_P2P`.
  @inlinable
  public static var runningP2P: MigrationState { .init(CVFIO_DEVICE_STATE_RUNNING_P2P) }

  /// Running while the internal state already streams out (Linux 6.2+).
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_PRE_COPY`.
  @inlinable
  public static var preCopy: MigrationState { .init(CVFIO_DEVICE_STATE_PRE_COPY) }

  /// Pre-copy without peer-to-peer DMA (Linux 6.2+).
  ///
  /// The corresponding C constant is `VFIO_DEVICE_STATE_PRE_COPY_P2P`.
  @inlinable
  public static var preCopyP2P: MigrationState { .init(CVFIO_DEVICE_STATE_PRE_COPY_P2P) }

  /// Every state this package knows, in raw-value order.
  public static let allKnown: [MigrationState] = [
    .error, .stop, .running, .stopCopy, .resuming, .runningP2P, .preCopy, .preCopyP2P,
  ]

  /// Whether the header defines this raw value.
  @inlinable
  public var isKnown: Bool { MigrationState.allKnown.contains(self) }

  /// The states that share one data transfer session: moving among them keeps the data fd.
  @inlinable
  public var isSaving: Bool { self == .preCopy || self == .preCopyP2P || self == .stopCopy }

  /// The optional features a device must report for this state to exist;
  /// nil for ERROR (never a target) and for unknown values.
  public var requiredFlags: MigrationFlags? {
    switch self {
    case .stop, .running, .stopCopy, .resuming: .stopCopy
    case .runningP2P: [.stopCopy, .p2p]
    case .preCopy: [.stopCopy, .preCopy]
    case .preCopyP2P: [.stopCopy, .p2p, .preCopy]
    default: nil
    }
  }

  /// Whether a device with `flags` supports this state.
  @inlinable
  public func isSupported(by flags: MigrationFlags) -> Bool {
    guard let required = requiredFlags else { return false }
    return flags.isSuperset(of: required)
  }
}

extension MigrationState: CustomStringConvertible {
  /// The kebab-case name (`stop-copy`), or `unknown(9)`.
  public var description: String { name ?? "unknown(\(rawValue))" }

  /// The kebab-case name of a known state.
  public var name: String? {
    switch self {
    case .error: "error"
    case .stop: "stop"
    case .running: "running"
    case .stopCopy: "stop-copy"
    case .resuming: "resuming"
    case .runningP2P: "running-p2p"
    case .preCopy: "pre-copy"
    case .preCopyP2P: "pre-copy-p2p"
    default: nil
    }
  }

  /// A state by its kebab-case name, its C name (`VFIO_DEVICE_STATE_STOP_COPY`), its raw value
  /// or its ``description`` (`unknown(9)`).
  public init?(name: String) {
    let folded = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
    let bare = folded.hasPrefix("vfio-device-state-") ? String(folded.dropFirst(18)) : folded
    let number = bare.hasPrefix("unknown(") && bare.hasSuffix(")") ? String(bare.dropFirst(8).dropLast()) : bare
    if let known = MigrationState.allKnown.first(where: { $0.name == bare }) {
      self = known
    } else if number.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let raw = UInt32(number) {
      self.init(rawValue: raw)
    } else {
      return nil
    }
  }
}
