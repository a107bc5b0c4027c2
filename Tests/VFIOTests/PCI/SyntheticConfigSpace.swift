import CVFIO

@testable import VFIO

/// A config space written byte by byte, as a device (or a hostile one) would present it.
struct SyntheticConfigSpace {
  var bytes: [UInt8]

  /// An endpoint (header type 0) of `size` bytes with `vendor`:`device`, no capabilities.
  init(size: Int = 256, vendor: UInt16 = 0x1234, device: UInt16 = 0x11e8) {
    bytes = [UInt8](repeating: 0, count: size)
    put16(Int(PCI_VENDOR_ID), vendor)
    put16(Int(PCI_DEVICE_ID), device)
  }

  mutating func put8(_ offset: Int, _ value: UInt8) { bytes[offset] = value }
  mutating func put16(_ offset: Int, _ value: UInt16) {
    bytes[offset] = UInt8(truncatingIfNeeded: value)
    bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
  }
  mutating func put32(_ offset: Int, _ value: UInt32) {
    put16(offset, UInt16(truncatingIfNeeded: value))
    put16(offset + 2, UInt16(truncatingIfNeeded: value >> 16))
  }

  /// A standard capability list of `(id, offset)` in order, linked first to last; the status
  /// register gets `PCI_STATUS_CAP_LIST`.
  mutating func chain(_ entries: [(UInt8, Int)]) {
    put16(Int(PCI_STATUS), UInt16(PCI_STATUS_CAP_LIST))
    put8(Int(PCI_CAPABILITY_LIST), UInt8(entries.first?.1 ?? 0))
    for (index, (id, offset)) in entries.enumerated() {
      put8(offset, id)
      put8(offset + 1, index + 1 < entries.count ? UInt8(entries[index + 1].1) : 0)
    }
  }

  /// An extended capability header at `offset`: id, version, next.
  mutating func extended(_ offset: Int, id: UInt16, version: UInt8 = 1, next: Int) {
    put32(offset, UInt32(id) | UInt32(version) << 16 | UInt32(next) << 20)
  }

  func space() throws -> PCIConfigSpace { try PCIConfigSpace(bytes: bytes) }
}
