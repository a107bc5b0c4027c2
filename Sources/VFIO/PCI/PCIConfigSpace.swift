import CVFIO

/// A snapshot of a PCI function's configuration space, decoded without trusting it.
///
/// Read one from a device with ``VFIODevice/pciConfigSpace()``, or build one from bytes (a saved
/// snapshot, a test). Every accessor reads the snapshot, never the device: what a device changes
/// afterwards (status bits, an enabled MSI-X) needs a new snapshot.
public struct PCIConfigSpace: Hashable, Sendable {
  /// The bytes, from offset 0: 64 to 4096 of them.
  public let bytes: [UInt8]

  /// A snapshot of `bytes`.
  ///
  /// - Throws: ``PCIConfigError/size(_:)`` unless there are 64 (`PCI_STD_HEADER_SIZEOF`) to 4096
  ///   (`PCI_CFG_SPACE_EXP_SIZE`) bytes.
  public init(bytes: [UInt8]) throws(PCIConfigError) {
    guard bytes.count >= Int(PCI_STD_HEADER_SIZEOF), bytes.count <= Int(PCI_CFG_SPACE_EXP_SIZE) else {
      throw .size(bytes.count)
    }
    self.bytes = bytes
  }

  /// The vendor id (`PCI_VENDOR_ID`); 0xFFFF reads from a function that is not there.
  public var vendorID: UInt16 { u16(Int(PCI_VENDOR_ID)) }
  /// The device id (`PCI_DEVICE_ID`).
  public var deviceID: UInt16 { u16(Int(PCI_DEVICE_ID)) }
  /// The command register (`PCI_COMMAND`).
  public var command: PCICommand { PCICommand(rawValue: u16(Int(PCI_COMMAND))) }
  /// The status register (`PCI_STATUS`).
  public var status: PCIStatus { PCIStatus(rawValue: u16(Int(PCI_STATUS))) }
  /// The revision id (`PCI_REVISION_ID`).
  public var revisionID: UInt8 { bytes[Int(PCI_REVISION_ID)] }
  /// The 24-bit class code: base class, subclass and programming interface (`PCI_CLASS_REVISION >> 8`).
  public var classCode: UInt32 { u32(Int(PCI_CLASS_REVISION)) >> 8 }
  /// The header type register (`PCI_HEADER_TYPE`).
  public var headerType: PCIHeaderType { PCIHeaderType(rawValue: bytes[Int(PCI_HEADER_TYPE)]) }

  /// The little-endian 16-bit value at `offset`; the caller has checked that it fits.
  internal func u16(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }

  /// The little-endian 32-bit value at `offset`; the caller has checked that it fits.
  internal func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }
}

/// The header type register: the layout of bytes 0x10–0x3F, and whether the device has other functions.
public struct PCIHeaderType: RawRepresentable, Hashable, Sendable {
  /// The register as read.
  public let rawValue: UInt8

  /// The register `rawValue`.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// The layout (`PCI_HEADER_TYPE_MASK`): 0 an endpoint (`PCI_HEADER_TYPE_NORMAL`), 1 a PCI-to-PCI
  /// bridge (`PCI_HEADER_TYPE_BRIDGE`), 2 a CardBus bridge (`PCI_HEADER_TYPE_CARDBUS`).
  public var layout: UInt8 { rawValue & UInt8(PCI_HEADER_TYPE_MASK) }
  /// Whether the device has functions other than 0 (bit 7).
  public var isMultiFunction: Bool { rawValue & ~UInt8(PCI_HEADER_TYPE_MASK) != 0 }

  /// How many BAR registers the layout has: 6 for an endpoint (`PCI_STD_NUM_BARS`), 2 for a
  /// PCI-to-PCI bridge, none for anything else.
  public var barCount: Int {
    switch Int32(layout) {
    case PCI_HEADER_TYPE_NORMAL: Int(PCI_STD_NUM_BARS)
    case PCI_HEADER_TYPE_BRIDGE: 2
    default: 0
    }
  }
}
