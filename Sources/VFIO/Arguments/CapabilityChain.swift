import CVFIO

/// The capability chain that follows an info struct (`vfio_device_info`,
/// `vfio_region_info`, `vfio_iommu_type1_info`).
///
/// The buffer comes from a kernel driver, possibly a vendor's, so nothing in
/// it is trusted: every offset is bounds-checked, `next` must move forwards
/// past the current header (so the walk ends after at most `size / 8`
/// capabilities), and every load is unaligned because capabilities were not
/// 8-byte aligned before Linux 6.6.
public enum CapabilityChain {
  static var headerSize: Int { MemoryLayout<vfio_info_cap_header>.size }

  /// Walks the chain starting at `firstOffset` (`cap_offset`; 0 means no
  /// chain) in `buffer`, whose first `fixedSize` bytes are the info struct.
  public static func parse(
    _ buffer: UnsafeRawBufferPointer, firstOffset: UInt32, fixedSize: Int
  ) throws(CapabilityChainError) -> [RawCapability] {
    let size = buffer.count
    guard size >= fixedSize else {
      throw .bufferShorterThanFixedStruct(size: size, fixedSize: fixedSize)
    }
    guard firstOffset != 0 else { return [] }
    var offset = try position(firstOffset, size: size)
    guard offset >= fixedSize else {
      throw .firstCapabilityInsideFixedStruct(offset: offset, fixedSize: fixedSize)
    }
    try checkHeader(at: offset, size: size)
    var capabilities: [RawCapability] = []
    while true {
      let header = buffer.loadUnaligned(fromByteOffset: offset, as: vfio_info_cap_header.self)
      var end = size
      if header.next != 0 {
        let next = try position(header.next, size: size)
        guard next != offset else { throw .nextPointsToItself(offset: offset) }
        guard next > offset else { throw .nextPointsBackward(offset: offset, next: next) }
        guard next - offset >= headerSize else {
          throw .nextOverlapsHeader(offset: offset, next: next)
        }
        try checkHeader(at: next, size: size)
        end = next
      }
      capabilities.append(
        RawCapability(
          id: header.id, version: header.version, offset: offset,
          bytes: Array(buffer[offset..<end])))
      guard header.next != 0 else { return capabilities }
      offset = end
    }
  }

  /// An offset as an `Int`; one too large for `Int` lies past any buffer.
  static func position(_ value: UInt32, size: Int) throws(CapabilityChainError) -> Int {
    guard let offset = Int(exactly: value) else {
      throw .headerOutOfBounds(offset: Int.max, size: size)
    }
    return offset
  }

  static func checkHeader(at offset: Int, size: Int) throws(CapabilityChainError) {
    guard offset <= size, size - offset >= headerSize else {
      throw .headerOutOfBounds(offset: offset, size: size)
    }
  }
}
