// Every option set of the header, named: `names` and `init(names:)` come from NamedFlags.

extension DMAMapFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<DMAMapFlags>] { knownFlags.map(FlagName.init) }
}

extension DMAUnmapFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<DMAUnmapFlags>] { knownFlags.map(FlagName.init) }
}

extension DeviceBindFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<DeviceBindFlags>] { knownFlags.map(FlagName.init) }
}

extension DeviceFeatureFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<DeviceFeatureFlags>] { knownFlags.map(FlagName.init) }
}

extension DeviceInfoFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<DeviceInfoFlags>] { knownFlags.map(FlagName.init) }
}

extension DirtyPagesFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<DirtyPagesFlags>] { knownFlags.map(FlagName.init) }
}

extension GFXPlaneFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<GFXPlaneFlags>] { knownFlags.map(FlagName.init) }
}

extension GroupStatusFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<GroupStatusFlags>] { knownFlags.map(FlagName.init) }
}

extension IOEventFDFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<IOEventFDFlags>] { knownFlags.map(FlagName.init) }
}

extension IOMMUInfoFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<IOMMUInfoFlags>] { knownFlags.map(FlagName.init) }
}

extension IRQInfoFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<IRQInfoFlags>] { knownFlags.map(FlagName.init) }
}

extension IRQSetFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<IRQSetFlags>] { knownFlags.map(FlagName.init) }
}

extension MigrationFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<MigrationFlags>] { knownFlags.map(FlagName.init) }
}

extension PCIAtomicCompletionFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<PCIAtomicCompletionFlags>] { knownFlags.map(FlagName.init) }
}

extension PCIHotResetFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<PCIHotResetFlags>] { knownFlags.map(FlagName.init) }
}

extension PageTableAttachFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<PageTableAttachFlags>] { knownFlags.map(FlagName.init) }
}

extension PageTableDetachFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<PageTableDetachFlags>] { knownFlags.map(FlagName.init) }
}

extension PrecopyInfoFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<PrecopyInfoFlags>] { knownFlags.map(FlagName.init) }
}

extension RegionInfoFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<RegionInfoFlags>] { knownFlags.map(FlagName.init) }
}

extension SPAPRInfoFlags: NamedFlags {
  /// Every named flag of the header, in bit order.
  public static var flagNames: [FlagName<SPAPRInfoFlags>] { knownFlags.map(FlagName.init) }
}

extension FlagName {
  init(_ constant: NamedConstant<Flags>) {
    self.init(value: constant.value, swiftName: constant.name, cName: constant.cName)
  }
}
