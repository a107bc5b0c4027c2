import CVFIO

/// A capability of the standard list: its id and where its registers start.
public struct PCICapability: Hashable, Sendable {
  /// What the capability is.
  public let id: PCICapabilityID
  /// Its config-space offset (the id byte).
  public let offset: Int

  /// The capability `id` at `offset`.
  public init(id: PCICapabilityID, offset: Int) {
    self.id = id
    self.offset = offset
  }
}

/// A capability of the PCI Express extended list: its id, version and where its header is.
public struct PCIExtendedCapability: Hashable, Sendable {
  /// What the capability is.
  public let id: PCIExtendedCapabilityID
  /// Its version (`PCI_EXT_CAP_VER`).
  public let version: UInt8
  /// Its config-space offset (the 32-bit header).
  public let offset: Int

  /// The capability `id` of `version` at `offset`.
  public init(id: PCIExtendedCapabilityID, version: UInt8, offset: Int) {
    self.id = id
    self.version = version
    self.offset = offset
  }

  /// `PCI_EXT_CAP_ID(header)`, a function-like macro Swift cannot import.
  internal static func id(of header: UInt32) -> UInt16 { UInt16(truncatingIfNeeded: header) }
  /// `PCI_EXT_CAP_VER(header)`.
  internal static func version(of header: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: header >> 16) & 0xF }
  /// The 12-bit next pointer, unmasked: `PCI_EXT_CAP_NEXT(header)` clears its low two bits, which the
  /// walk reports instead (``PCIConfigError/pointerMisaligned(at:pointer:)``).
  internal static func next(of header: UInt32) -> Int { Int(header >> 20) }
}

extension PCIConfigSpace {
  /// Where the standard capability list lives: after the 64-byte header, within the first 256 bytes.
  internal var standardCapabilityRange: Range<Int> {
    Int(PCI_STD_HEADER_SIZEOF)..<min(bytes.count, Int(PCI_CFG_SPACE_SIZE))
  }

  /// The standard capability list, in list order: empty unless the status register has
  /// ``PCIStatus/capabilityList``.
  ///
  /// Each pointer is checked before it is followed, so the walk ends after at most 48 entries
  /// (the 4-byte slots of 0x40–0xFF) whatever the device wrote.
  ///
  /// - Throws: ``PCIConfigError/pointerMisaligned(at:pointer:)``,
  ///   ``PCIConfigError/pointerOutOfRange(at:pointer:lowest:limit:)``, ``PCIConfigError/loop(at:next:)``.
  public func capabilities() throws(PCIConfigError) -> [PCICapability] {
    guard status.contains(.capabilityList) else { return [] }
    let range = standardCapabilityRange
    var visited = Set<Int>()
    var found: [PCICapability] = []
    var at = Int(PCI_CAPABILITY_LIST)
    var pointer = Int(bytes[at])
    while pointer != 0 {
      guard pointer % 4 == 0 else { throw .pointerMisaligned(at: at, pointer: pointer) }
      // Two bytes, id and next, must be there to read.
      guard range.contains(pointer), pointer + Int(PCI_CAP_FLAGS) <= range.upperBound else {
        throw .pointerOutOfRange(at: at, pointer: pointer, lowest: range.lowerBound, limit: range.upperBound)
      }
      guard visited.insert(pointer).inserted else { throw .loop(at: at - Int(PCI_CAP_LIST_NEXT), next: pointer) }
      found.append(PCICapability(id: PCICapabilityID(rawValue: bytes[pointer + Int(PCI_CAP_LIST_ID)]), offset: pointer))
      at = pointer + Int(PCI_CAP_LIST_NEXT)
      pointer = Int(bytes[at])
    }
    return found
  }

  /// The extended capability list from offset 0x100, in list order: empty for a 256-byte config
  /// space, or when the first header reads 0 or all ones (no extended capabilities).
  ///
  /// Entries with id 0 are skipped but followed: vfio-pci hides a capability at 0x100 that way,
  /// keeping its `next`. The walk ends after at most 960 entries (the 4-byte slots of 0x100–0xFFF).
  ///
  /// - Throws: ``PCIConfigError/pointerMisaligned(at:pointer:)``,
  ///   ``PCIConfigError/pointerOutOfRange(at:pointer:lowest:limit:)``, ``PCIConfigError/loop(at:next:)``.
  public func extendedCapabilities() throws(PCIConfigError) -> [PCIExtendedCapability] {
    let lowest = Int(PCI_CFG_SPACE_SIZE)
    guard bytes.count >= lowest + 4 else { return [] }
    var offset = lowest
    var header = u32(offset)
    guard header != 0, header != .max else { return [] }
    var visited: Set<Int> = [offset]
    var found: [PCIExtendedCapability] = []
    while true {
      let id = PCIExtendedCapability.id(of: header)
      if id != 0 {
        found.append(PCIExtendedCapability(
          id: PCIExtendedCapabilityID(rawValue: id), version: PCIExtendedCapability.version(of: header), offset: offset))
      }
      let next = PCIExtendedCapability.next(of: header)
      if next == 0 { return found }
      guard next % 4 == 0 else { throw .pointerMisaligned(at: offset, pointer: next) }
      guard next >= lowest, next + 4 <= bytes.count else {
        throw .pointerOutOfRange(at: offset, pointer: next, lowest: lowest, limit: bytes.count)
      }
      guard visited.insert(next).inserted else { throw .loop(at: offset, next: next) }
      offset = next
      header = u32(offset)
    }
  }

  /// The first standard capability `id`, or nil.
  public func capability(_ id: PCICapabilityID) throws(PCIConfigError) -> PCICapability? {
    try capabilities().first { $0.id == id }
  }

  /// The first extended capability `id`, or nil.
  public func extendedCapability(_ id: PCIExtendedCapabilityID) throws(PCIConfigError) -> PCIExtendedCapability? {
    try extendedCapabilities().first { $0.id == id }
  }
}
