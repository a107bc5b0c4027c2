import CVFIO

/// The MSI capability (`PCI_CAP_ID_MSI`), decoded from a config-space snapshot.
public struct MSICapability: Hashable, Sendable {
  /// Its config-space offset.
  public let offset: Int
  /// The message control register (`PCI_MSI_FLAGS`), as read.
  public let control: UInt16
  /// The message address (`PCI_MSI_ADDRESS_LO`, and `PCI_MSI_ADDRESS_HI` when 64-bit).
  public let messageAddress: UInt64
  /// The message data (`PCI_MSI_DATA_32` or `PCI_MSI_DATA_64`).
  public let messageData: UInt16

  /// Whether MSI is enabled (`PCI_MSI_FLAGS_ENABLE`).
  public var isEnabled: Bool { control & UInt16(PCI_MSI_FLAGS_ENABLE) != 0 }
  /// Whether the message address has 64 bits (`PCI_MSI_FLAGS_64BIT`).
  public var is64Bit: Bool { control & UInt16(PCI_MSI_FLAGS_64BIT) != 0 }
  /// Whether each vector can be masked (`PCI_MSI_FLAGS_MASKBIT`): the capability then has mask and
  /// pending bits.
  public var hasPerVectorMasking: Bool { control & UInt16(PCI_MSI_FLAGS_MASKBIT) != 0 }
  /// How many vectors the function can use: 1 to 32, a power of two (`PCI_MSI_FLAGS_QMASK`,
  /// multiple message capable).
  public var vectorsCapable: Int { 1 << Int((control & UInt16(PCI_MSI_FLAGS_QMASK)) >> 1) }
  /// How many vectors software enabled: 1 to 32, a power of two (`PCI_MSI_FLAGS_QSIZE`, multiple
  /// message enable).
  public var vectorsEnabled: Int { 1 << Int((control & UInt16(PCI_MSI_FLAGS_QSIZE)) >> 4) }
  /// The config-space offset of the mask bits (`PCI_MSI_MASK_32` or `PCI_MSI_MASK_64`), nil without
  /// per-vector masking.
  public var maskBitsOffset: Int? {
    hasPerVectorMasking ? offset + Int(is64Bit ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32) : nil
  }
  /// The config-space offset of the pending bits (`PCI_MSI_PENDING_32` or `PCI_MSI_PENDING_64`), nil
  /// without per-vector masking.
  public var pendingBitsOffset: Int? {
    hasPerVectorMasking ? offset + Int(is64Bit ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32) : nil
  }

  /// How many bytes the capability with message control `control` occupies.
  internal static func size(control: UInt16) -> Int {
    let wide = control & UInt16(PCI_MSI_FLAGS_64BIT) != 0
    if control & UInt16(PCI_MSI_FLAGS_MASKBIT) != 0 { return Int(wide ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32) + 4 }
    return Int(wide ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32) + 2
  }

  /// Decodes the MSI capability at `offset` of `space`.
  ///
  /// - Throws: ``PCIConfigError/capabilityTruncated(id:offset:size:limit:)`` when its registers run
  ///   past the standard capability area; ``PCIConfigError/reservedEncoding(field:value:)`` for a
  ///   vector count field above 5 (more than 32 vectors).
  public init(at offset: Int, in space: PCIConfigSpace) throws(PCIConfigError) {
    let limit = space.standardCapabilityRange.upperBound
    guard space.standardCapabilityRange.contains(offset), offset + Int(PCI_MSI_ADDRESS_LO) <= limit else {
      throw .capabilityTruncated(id: UInt16(PCI_CAP_ID_MSI), offset: offset, size: Int(PCI_MSI_ADDRESS_LO), limit: limit)
    }
    let control = space.u16(offset + Int(PCI_MSI_FLAGS))
    let size = MSICapability.size(control: control)
    guard offset + size <= limit else {
      throw .capabilityTruncated(id: UInt16(PCI_CAP_ID_MSI), offset: offset, size: size, limit: limit)
    }
    for (field, shift) in [("MSI multiple message capable", 1), ("MSI multiple message enable", 4)] {
      let value = UInt32(control >> UInt16(shift)) & 0x7
      guard value <= 5 else { throw .reservedEncoding(field: field, value: value) }
    }
    let wide = control & UInt16(PCI_MSI_FLAGS_64BIT) != 0
    var address = UInt64(space.u32(offset + Int(PCI_MSI_ADDRESS_LO)))
    if wide { address |= UInt64(space.u32(offset + Int(PCI_MSI_ADDRESS_HI))) << 32 }
    self.offset = offset
    self.control = control
    self.messageAddress = address
    self.messageData = space.u16(offset + Int(wide ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32))
  }
}

extension PCIConfigSpace {
  /// The MSI capability, decoded; nil when the function has none.
  public func msi() throws(PCIConfigError) -> MSICapability? {
    guard let found = try capability(.msi) else { return nil }
    return try MSICapability(at: found.offset, in: self)
  }
}
