import CVFIO

/// The migration features a device reports through `VFIO_DEVICE_FEATURE_MIGRATION`.
@frozen
public struct MigrationFlags: OptionSet, Sendable, Hashable {
  public var rawValue: UInt64

  @inlinable
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// STOP, STOP_COPY and RESUMING exist; every migratable device sets it.
  ///
  /// The corresponding C constant is `VFIO_MIGRATION_STOP_COPY`.
  @inlinable
  public static var stopCopy: MigrationFlags { .init(rawValue: UInt64(UInt32(bitPattern: VFIO_MIGRATION_STOP_COPY))) }

  /// RUNNING_P2P exists (and PRE_COPY_P2P with ``preCopy``).
  ///
  /// The corresponding C constant is `VFIO_MIGRATION_P2P`.
  @inlinable
  public static var p2p: MigrationFlags { .init(rawValue: UInt64(UInt32(bitPattern: VFIO_MIGRATION_P2P))) }

  /// PRE_COPY exists (and PRE_COPY_P2P with ``p2p``).
  ///
  /// The corresponding C constant is `VFIO_MIGRATION_PRE_COPY`.
  @inlinable
  public static var preCopy: MigrationFlags { .init(rawValue: UInt64(UInt32(bitPattern: VFIO_MIGRATION_PRE_COPY))) }

  /// The four combinations the header defines behaviour for.
  public static let documentedCombinations: [MigrationFlags] = [
    .stopCopy, [.stopCopy, .p2p], [.stopCopy, .preCopy], [.stopCopy, .p2p, .preCopy],
  ]
}

extension MigrationFlags: CustomStringConvertible {
  /// Comma-separated kebab-case names (`stop-copy,p2p`), unknown bits in hex.
  public var description: String {
    var names: [String] = []
    if contains(.stopCopy) { names.append("stop-copy") }
    if contains(.p2p) { names.append("p2p") }
    if contains(.preCopy) { names.append("pre-copy") }
    let unknown = subtracting([.stopCopy, .p2p, .preCopy]).rawValue
    if unknown != 0 { names.append("0x" + String(unknown, radix: 16)) }
    return names.isEmpty ? "none" : names.joined(separator: ",")
  }

  /// Flags from a comma-separated list of `stop-copy`, `p2p`, `pre-copy` (or their C names).
  public init?(names: String) {
    var flags = MigrationFlags()
    for name in names.split(separator: ",") {
      let folded = String(name.lowercased().filter { !$0.isWhitespace }.map { $0 == "_" ? "-" : $0 })
      let bare = folded.hasPrefix("vfio-migration-") ? String(folded.dropFirst(15)) : folded
      switch bare {
      case "stop-copy": flags.insert(.stopCopy)
      case "p2p": flags.insert(.p2p)
      case "pre-copy": flags.insert(.preCopy)
      default: return nil
      }
    }
    self = flags
  }
}
