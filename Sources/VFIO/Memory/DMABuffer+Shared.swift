/// Loads and stores of memory the device reads and writes while this process does: the queue
/// entries of a driver. Plain accesses through ``DMABuffer/bytes`` may be merged, split, repeated
/// or moved by the compiler, as nothing tells it another agent changes the memory; these happen
/// exactly once, with their width, like the register accesses of ``VFIORegionMapping``.
///
/// They order nothing by themselves: a driver puts a release fence (`atomicMemoryFence` of the
/// Synchronization module) between filling a queue entry and ringing the doorbell, and an acquire
/// fence between seeing a completion's phase tag and reading the rest of the entry.
extension DMABuffer {
  /// A little-endian volatile load of `T` (1, 2, 4 or 8 bytes) at byte `offset`, naturally aligned.
  ///
  /// - Throws: ``VFIOError/Reason/outOfRange(offset:count:limit:)`` when it does not fit in the
  ///   buffer, is misaligned or `T` has another width.
  public func load<T: FixedWidthInteger>(_: T.Type = T.self, at offset: Int) throws(VFIOError) -> T {
    MMIO.load(T.self, UnsafeRawPointer(try sharedAddress(T.self, offset, "load")))
  }

  /// A little-endian volatile store of `value` (1, 2, 4 or 8 bytes) at byte `offset`, naturally aligned.
  ///
  /// - Throws: as ``load(_:at:)``.
  public func store<T: FixedWidthInteger>(_ value: T, at offset: Int) throws(VFIOError) {
    MMIO.store(value, try sharedAddress(T.self, offset, "store"))
  }

  private func sharedAddress<T: FixedWidthInteger>(
    _: T.Type, _ offset: Int, _ operation: String
  ) throws(VFIOError) -> UnsafeMutableRawPointer {
    let width = MemoryLayout<T>.size
    guard [1, 2, 4, 8].contains(width), offset >= 0, Int(size) >= width, offset <= Int(size) - width, offset % width == 0
    else {
      throw VFIOError(
        operation: "\(operation) of \(width) bytes", target: "DMA buffer at IOVA 0x\(String(iova, radix: 16))",
        reason: .outOfRange(offset: UInt64(bitPattern: Int64(offset)), count: UInt64(width), limit: size))
    }
    return baseAddress + offset
  }
}
