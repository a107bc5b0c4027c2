@testable import VFIO
import CVFIO

/// Builds info buffers the way the kernel does (`vfio_info_cap_add` in
/// drivers/vfio/vfio_main.c): each capability is appended after the previous
/// one, 8-byte aligned since Linux 6.6 and packed before, and the previous
/// capability's `next` is pointed at it. Offsets come from the C structs.
struct KernelInfoBuffer<Info> {
  var bytes: [UInt8]
  var alignsCapabilities: Bool
  private var lastCapability: Int?

  init(_ info: Info, alignsCapabilities: Bool = true) {
    bytes = [UInt8](repeating: 0, count: MemoryLayout<Info>.size)
    self.alignsCapabilities = alignsCapabilities
    store(info, at: 0)
  }

  var info: Info {
    get { bytes.withUnsafeBytes { $0.loadUnaligned(as: Info.self) } }
    set { store(newValue, at: 0) }
  }

  /// Appends a capability whose C struct is `body` (header included) followed
  /// by `trailing` bytes; returns its offset.
  @discardableResult
  mutating func append<Body>(
    _ body: Body, id: Int32, version: UInt16 = 1, trailing: [UInt8] = [], truncatedTo length: Int? = nil
  ) -> Int {
    let offset = bytes.count
    var size = length ?? (MemoryLayout<Body>.size + trailing.count)
    if alignsCapabilities { size = (size + 7) & ~7 }
    bytes += [UInt8](repeating: 0, count: size)
    var full = [UInt8](repeating: 0, count: MemoryLayout<Body>.size)
    full.withUnsafeMutableBytes { $0.storeBytes(of: body, as: Body.self) }
    full += trailing
    let written = Array(full.prefix(length ?? full.count))
    bytes.replaceSubrange(offset..<offset + written.count, with: written)
    store(vfio_info_cap_header(id: UInt16(id), version: version, next: 0), at: offset)
    if let last = lastCapability { setNext(of: last, to: UInt32(offset)) }
    lastCapability = offset
    return offset
  }

  mutating func setNext(of capability: Int, to next: UInt32) {
    store(next, at: capability + MemoryLayout<vfio_info_cap_header>.offset(of: \.next)!)
  }

  mutating func store<Value>(_ value: Value, at offset: Int) {
    bytes.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: offset, as: Value.self) }
  }

  /// Bytes of an array of C structs.
  static func bytes<Element>(of elements: [Element]) -> [UInt8] {
    elements.withUnsafeBytes { Array($0) }
  }
}

extension KernelInfoBuffer where Info: CapabilityChainHeader {
  func capabilities() throws(CapabilityChainError) -> [Info.Capability] {
    try bytes.withUnsafeBytes { buffer in
      Result { () throws(CapabilityChainError) in try Info.capabilities(in: buffer) }
    }.get()
  }

  func rawCapabilities() throws(CapabilityChainError) -> [RawCapability] {
    try bytes.withUnsafeBytes { buffer in
      Result { () throws(CapabilityChainError) in try Info.rawCapabilities(in: buffer) }
    }.get()
  }
}

/// Info headers as the kernel returns them with a chain: CAPS flag, `cap_offset`
/// right after the struct, `argsz` covering everything.
func regionInfo(_ build: (inout KernelInfoBuffer<vfio_region_info>) -> Void) -> KernelInfoBuffer<vfio_region_info> {
  var buffer = KernelInfoBuffer(vfio_region_info())
  build(&buffer)
  buffer.info.flags |= UInt32(VFIO_REGION_INFO_FLAG_CAPS)
  buffer.info.cap_offset = UInt32(MemoryLayout<vfio_region_info>.size)
  buffer.info.argsz = UInt32(buffer.bytes.count)
  return buffer
}

func deviceInfo(_ build: (inout KernelInfoBuffer<vfio_device_info>) -> Void) -> KernelInfoBuffer<vfio_device_info> {
  var buffer = KernelInfoBuffer(vfio_device_info())
  build(&buffer)
  buffer.info.flags |= UInt32(VFIO_DEVICE_FLAGS_CAPS)
  buffer.info.cap_offset = UInt32(MemoryLayout<vfio_device_info>.size)
  buffer.info.argsz = UInt32(buffer.bytes.count)
  return buffer
}

func iommuInfo(
  alignsCapabilities: Bool = true, _ build: (inout KernelInfoBuffer<vfio_iommu_type1_info>) -> Void
) -> KernelInfoBuffer<vfio_iommu_type1_info> {
  var buffer = KernelInfoBuffer(vfio_iommu_type1_info(), alignsCapabilities: alignsCapabilities)
  build(&buffer)
  buffer.info.flags |= UInt32(VFIO_IOMMU_INFO_CAPS)
  buffer.info.cap_offset = UInt32(MemoryLayout<vfio_iommu_type1_info>.size)
  buffer.info.argsz = UInt32(buffer.bytes.count)
  return buffer
}

/// A capability header for a C struct literal.
func capHeader(_ id: Int32, version: UInt16 = 1) -> vfio_info_cap_header {
  vfio_info_cap_header(id: UInt16(id), version: version, next: 0)
}
