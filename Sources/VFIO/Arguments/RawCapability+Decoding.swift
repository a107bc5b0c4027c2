extension RawCapability {
  /// The capability's C struct, read unaligned; the capability must hold all of it.
  func load<Layout>(_: Layout.Type) throws(CapabilityChainError) -> Layout {
    try load(Layout.self, requiring: MemoryLayout<Layout>.size)
  }

  /// The capability's C struct when only its first `required` bytes must be
  /// present (older versions of a capability that grew); missing bytes read as 0.
  func load<Layout>(
    _: Layout.Type, requiring required: Int
  ) throws(CapabilityChainError) -> Layout {
    guard bytes.count >= required else {
      throw .capabilityTooShort(id: id, offset: offset, size: bytes.count, required: required)
    }
    if bytes.count >= MemoryLayout<Layout>.size {
      return bytes.withUnsafeBytes { $0.loadUnaligned(as: Layout.self) }
    }
    var padded = [UInt8](repeating: 0, count: MemoryLayout<Layout>.size)
    padded.replaceSubrange(0..<bytes.count, with: bytes)
    return padded.withUnsafeBytes { $0.loadUnaligned(as: Layout.self) }
  }

  /// `count` elements that follow the fixed struct `Fixed` (the C flexible
  /// array member, whose offset is `sizeof(Fixed)`).
  func loadArray<Fixed, Element>(
    _: Element.Type, count: UInt32, after _: Fixed.Type
  ) throws(CapabilityChainError) -> [Element] {
    let start = MemoryLayout<Fixed>.size
    let available = Swift.max(bytes.count - start, 0)
    let stride = MemoryLayout<Element>.stride
    guard let byteCount = arrayByteCount(count: UInt64(count), stride: stride),
      byteCount <= available
    else {
      throw .arrayExceedsCapability(
        id: id, offset: offset, count: count, elementSize: stride, available: available)
    }
    return bytes.withUnsafeBytes { buffer in
      (0..<byteCount / Swift.max(stride, 1)).map { index in
        buffer.loadUnaligned(fromByteOffset: start + index * stride, as: Element.self)
      }
    }
  }

  /// `count` bytes after the fixed struct `Fixed`.
  func loadBytes<Fixed>(
    count: UInt32, after fixed: Fixed.Type
  ) throws(CapabilityChainError) -> [UInt8] {
    try loadArray(UInt8.self, count: count, after: fixed)
  }
}

/// `count * stride`, or nil when it does not fit an `Int`.
func arrayByteCount(count: UInt64, stride: Int) -> Int? {
  guard let count = Int(exactly: count) else { return nil }
  let (product, overflow) = count.multipliedReportingOverflow(by: stride)
  return overflow ? nil : product
}
