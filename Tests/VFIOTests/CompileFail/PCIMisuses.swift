extension Misuse {
  /// What the PCI helpers rule out (issue 21, item 4).
  static let pci: [Misuse] = [
    Misuse(
      name: "a whole-BAR mapping dropped as it is made",
      wrong: "try device.map(region: device.regionInfo(.pciBAR0))",
      right: "let bar = try device.map(region: device.regionInfo(.pciBAR0)); try bar.unmap()",
      diagnostic: "result of call to 'map(region:)' is unused"),
    Misuse(
      name: "a whole-BAR mapping copied (two owners of its mmaps)",
      wrong: "let bar = try device.map(region: device.regionInfo(.pciBAR0)); let copy = bar; _ = try bar.load(UInt32.self, at: 0); _ = copy",
      right: "let bar = try device.map(region: device.regionInfo(.pciBAR0)); _ = try bar.load(UInt32.self, at: 0); _ = bar",
      diagnostic: "'bar' used after consume"),
    Misuse(
      name: "a whole-BAR mapping used after unmap()",
      wrong: "let bar = try device.map(region: device.regionInfo(.pciBAR0)); try bar.unmap(); _ = try bar.load(UInt32.self, at: 0)",
      right: "let bar = try device.map(region: device.regionInfo(.pciBAR0)); _ = try bar.load(UInt32.self, at: 0); try bar.unmap()",
      diagnostic: "'bar' used after consume"),
  ]
}
