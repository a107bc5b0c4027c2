import SystemPackage

/// Why a dirty bitmap or a dirty-tracking request could not be built or issued.
public enum DirtyPageError: Error, Hashable, Sendable {
  /// Page sizes are powers of two.
  case pageSizeNotPowerOfTwo(UInt64)
  /// The range is empty.
  case emptyRange
  /// `iova + length`, rounded up to whole pages, passes the end of the 64-bit IOVA space.
  case rangeOverflows(iova: UInt64, length: UInt64)
  /// The bitmap would take `byteCount` bytes, more than `maximum`.
  case bitmapTooLarge(byteCount: UInt64, maximum: Int)
  /// `words` holds a different number of 64-bit words than the pages need.
  case wordCountMismatch(words: Int, required: Int)
  /// Two bitmaps cover different pages and cannot be combined.
  case geometryMismatch
  /// Device DMA logging needs at least one range.
  case noRanges
  /// More ranges than `num_ranges` (a `__u32`) can count.
  case tooManyRanges(Int)
  /// The ioctl failed.
  case system(Errno)
}
