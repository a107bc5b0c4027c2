extension Misuse {
  /// Mixed-up ids, extension kinds and integer types (issue 13, "Inconsistent shapes").
  static let shapes: [Misuse] = [
    Misuse(
      name: "a device id attached as a page table",
      wrong: "let id = try device.bind(to: iommufd); try device.attach(pageTable: id)",
      right: "_ = try device.bind(to: iommufd); try device.attach(pageTable: ioas.id)",
      diagnostic: "instance method 'attach(pageTable:pasid:)' requires that 'IOMMUFDDeviceID' conform to 'IOMMUFDPageTable'"),
    Misuse(
      name: "an IOAS id as a group number",
      wrong: "let group = try VFIOGroup(number: ioas.id); _ = group",
      right: "let group = try VFIOGroup(number: IOMMUGroupNumber(rawValue: 7)); _ = group",
      diagnostic: "cannot convert value of type 'IOASID' to expected argument type 'IOMMUGroupNumber'"),
    Misuse(
      name: "an unparsed string as a PCI address",
      wrong: "_ = try container.openDevice(.pci(\"0000:00:04.0\"))",
      right: "if let address = PCIAddress(\"0000:00:04.0\") { _ = try container.openDevice(.pci(address)) }",
      diagnostic: "cannot convert value of type 'String' to expected argument type 'PCIAddress'"),
    Misuse(
      name: "a capability as the IOMMU type of a container",
      wrong: "_ = try VFIOContainer(group: group, iommuType: .unmapAll)",
      right: "_ = try VFIOContainer(group: group, iommuType: .type1v2)",
      diagnostic: "type 'IOMMUType' has no member 'unmapAll'"),
    Misuse(
      name: "an extension's answer compared with a number",
      wrong: "if try container.supports(.unmapAll) == 1 { }",
      right: "if try container.supports(.unmapAll) { }",
      diagnostic: "binary operator '==' cannot be applied to operands of type 'Bool' and 'Int'"),
    Misuse(
      name: "an Int byte count to unmapDMA",
      wrong: "try container.unmapDMA(iova: 0, size: count)",
      right: "try container.unmapDMA(iova: 0, size: UInt64(count))",
      diagnostic: "cannot convert value of type 'Int' to expected argument type 'UInt64'"),
    Misuse(
      name: "an Int byte count to an IOAS map",
      wrong: "try ioas.unsafeMapDMA(address: pointer, size: count, iova: 0)",
      right: "try ioas.unsafeMapDMA(address: pointer, size: UInt64(count), iova: 0)",
      diagnostic: "cannot convert value of type 'Int' to expected argument type 'UInt64'"),
    Misuse(
      name: "an Int offset into a device mapping",
      wrong: "_ = try registers.load(UInt32.self, at: count)",
      right: "_ = try registers.load(UInt32.self, at: UInt64(count))",
      diagnostic: "cannot convert value of type 'Int' to expected argument type 'UInt64'"),
    Misuse(
      name: "a register store whose failure is ignored",
      wrong: "registers.store(UInt32(1), at: 0)",
      right: "try registers.store(UInt32(1), at: 0)",
      diagnostic: "call can throw but is not marked with 'try'"),
    Misuse(
      name: "a region count taken as an Int",
      wrong: "let count: Int = try device.info().info.regionCount; _ = count",
      right: "for index in 0..<(try device.info().info.regionCount) { _ = try device.regionInfo(RegionIndex(rawValue: index)) }",
      diagnostic: "cannot convert value of type 'UInt32' to specified type 'Int'"),
  ]
}
