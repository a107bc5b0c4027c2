extension MigrationFlags {
  /// The four combinations the header defines behaviour for ("Other combinations
  /// of flags have behavior to be defined in the future").
  public static let documentedCombinations: [MigrationFlags] = [
    .stopCopy, [.stopCopy, .p2p], [.stopCopy, .preCopy], [.stopCopy, .p2p, .preCopy],
  ]
}
