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
    Misuse(
      name: "MMIO through plain bytes of a region mapping",
      wrong: "registers.bytes.storeBytes(of: UInt32(1), toByteOffset: 4, as: UInt32.self)",
      right: "try registers.store(UInt32(1), at: 4)",
      diagnostic: "value of type 'VFIOMapping' has no member 'bytes'"),
    Misuse(
      name: "MMIO through a plain pointer into a whole-BAR mapping",
      wrong: """
        let bar = try device.map(region: device.regionInfo(.pciBAR0))
        bar.address(of: 4, count: 4)?.storeBytes(of: UInt32(1), as: UInt32.self)
        """,
      right: "let bar = try device.map(region: device.regionInfo(.pciBAR0)); try bar.store(UInt32(1), at: 4)",
      diagnostic: "value of type 'VFIORegionMapping' has no member 'address'"),
  ]
}
