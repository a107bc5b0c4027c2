extension MigrationFlags {
  /// The four combinations the header defines behaviour for ("Other combinations
  /// of flags have behavior to be defined in the future").
  public static let documentedCombinations: [MigrationFlags] = [
    .stopCopy, [.stopCopy, .p2p], [.stopCopy, .preCopy], [.stopCopy, .p2p, .preCopy],
  ]

  /// The flags as a comma-separated list of `stop-copy`, `p2p`, `pre-copy`
  /// (unknown bits in hex, `none` when empty): the spelling of ``init(names:)``.
  public var kebabCaseNames: String {
    var names: [String] = []
    if contains(.stopCopy) { names.append("stop-copy") }
    if contains(.p2p) { names.append("p2p") }
    if contains(.preCopy) { names.append("pre-copy") }
    let unknown = subtracting([.stopCopy, .p2p, .preCopy]).rawValue
    if unknown != 0 { names.append("0x" + String(unknown, radix: 16)) }
    return names.isEmpty ? "none" : names.joined(separator: ",")
  }

  /// Flags from a comma-separated list of `stop-copy`, `p2p`, `pre-copy` (or the
  /// C names `VFIO_MIGRATION_…`), hex bits (`0x10`) or `none`: everything
  /// ``kebabCaseNames`` prints; nil when a name is unknown.
  public init?(names: String) {
    var flags = MigrationFlags()
    for name in names.split(separator: ",") {
      let folded = String(name.lowercased().filter { !$0.isWhitespace }.map { $0 == "_" ? "-" : $0 })
      let bare = folded.hasPrefix("vfio-migration-") ? String(folded.dropFirst(15)) : folded
      switch bare {
      case "stop-copy": flags.insert(.stopCopy)
      case "p2p": flags.insert(.p2p)
      case "pre-copy": flags.insert(.preCopy)
      case "none" where names.split(separator: ",").count == 1: break
      default:
        guard bare.hasPrefix("0x"), let bits = UInt64(bare.dropFirst(2), radix: 16) else { return nil }
        flags.formUnion(MigrationFlags(rawValue: bits))
      }
    }
    self = flags
  }
}
