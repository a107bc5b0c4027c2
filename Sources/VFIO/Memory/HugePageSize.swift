/// The size of the huge pages that back memory (`MAP_HUGETLB`, `MFD_HUGETLB`): the kernel takes
/// them from the pool of that size (`/sys/kernel/mm/hugepages/hugepages-<N>kB`), which the
/// administrator fills; an empty pool fails the allocation with `ENOMEM`.
public struct HugePageSize: Hashable, Sendable, CustomStringConvertible {
  /// The base-2 logarithm of the size in bytes: what `MAP_HUGE_SHIFT` encodes.
  public let shift: UInt8

  /// Huge pages of `bytes` bytes: nil unless a power of two from 64 KiB to 16 GiB (the sizes
  /// Linux architectures have).
  public init?(bytes: UInt64) {
    guard bytes.nonzeroBitCount == 1 else { return nil }
    let shift = UInt8(bytes.trailingZeroBitCount)
    guard (16...34).contains(shift) else { return nil }
    self.shift = shift
  }

  /// 2 MiB pages (`MAP_HUGE_2MB`): x86-64's and arm64's (4 KiB granule) common size.
  public static var size2MiB: HugePageSize { HugePageSize(bytes: 1 << 21)! }

  /// 1 GiB pages (`MAP_HUGE_1GB`).
  public static var size1GiB: HugePageSize { HugePageSize(bytes: 1 << 30)! }

  /// The size in bytes.
  public var bytes: UInt64 { 1 << shift }

  public var description: String {
    bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
  }
}
