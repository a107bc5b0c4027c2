/// Count sentinels: enumerators and macros that mark the end of a list (`__IFLA_MAX`, `VFIO_PCI_NUM_IRQS`,
/// `FOO_CNT`) and grow whenever an entry is added before them. The name patterns are the ones the
/// kernel's scripts/check-uapi.sh tells abidiff to let change.
enum Sentinel {
  static let suffixes = [
    "_AFTER_LAST", "_CNT", "_COUNT", "_END", "_LAST", "_MASK", "_MAX", "_MAX_BIT", "_MAX_BPF_ATTACH_TYPE",
    "_MAX_ID", "_MAX_SHIFT", "_NBITS", "_NETDEV_NUMHOOKS", "_NFT_META_IIFTYPE", "_NL80211_ATTR", "_NLDEV_NUM_OPS",
    "_NUM", "_NUM_ELEMS", "_NUM_IRQS", "_SIZE", "_TLSMAX",
  ]
  static let prefixes = ["MAX_", "NUM_"]

  static func matches(_ name: String) -> Bool {
    suffixes.contains(where: name.hasSuffix) || prefixes.contains(where: name.hasPrefix)
  }

  /// Whether `new` is greater than `old`, both decimal (up to 128 bits); nil when either is not a number.
  static func grew(_ old: String, _ new: String) -> Bool? {
    guard let old = Int128(old), let new = Int128(new) else { return nil }
    return new > old
  }
}
