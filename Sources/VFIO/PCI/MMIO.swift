import CVFIO

/// Volatile device-register accesses: each happens once, with the width of `T` (1, 2, 4 or 8
/// bytes), little-endian. The caller has checked the width, the alignment and the bounds.
internal enum MMIO {
  internal static func load<T: FixedWidthInteger>(_: T.Type, _ address: UnsafeRawPointer) -> T {
    let raw: UInt64
    switch MemoryLayout<T>.size {
    case 1: raw = UInt64(cvfio_mmio_read8(address))
    case 2: raw = UInt64(UInt16(littleEndian: cvfio_mmio_read16(address)))
    case 4: raw = UInt64(UInt32(littleEndian: cvfio_mmio_read32(address)))
    default: raw = UInt64(littleEndian: cvfio_mmio_read64(address))
    }
    return T(truncatingIfNeeded: raw)
  }

  internal static func store<T: FixedWidthInteger>(_ value: T, _ address: UnsafeMutableRawPointer) {
    switch MemoryLayout<T>.size {
    case 1: cvfio_mmio_write8(address, UInt8(truncatingIfNeeded: value))
    case 2: cvfio_mmio_write16(address, UInt16(truncatingIfNeeded: value).littleEndian)
    case 4: cvfio_mmio_write32(address, UInt32(truncatingIfNeeded: value).littleEndian)
    default: cvfio_mmio_write64(address, UInt64(truncatingIfNeeded: value).littleEndian)
    }
  }
}
