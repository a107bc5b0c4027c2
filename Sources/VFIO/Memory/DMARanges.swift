
/// The IOVA ranges mapped through one address space by this package, so that a request
/// overlapping one of them, wrapping around or empty is refused before the kernel sees it.
///
/// Threads mapping disjoint ranges of one space at once only meet here, for a lookup.
internal final class DMARanges: Sendable {
  /// Inclusive ranges, sorted by their start, disjoint.
  private let ranges = Locked<[ClosedRange<UInt64>]>([])

  /// The inclusive range of `size` bytes at `iova`.
  static func span(iova: UInt64, size: UInt64) throws(DMAError) -> ClosedRange<UInt64> {
    guard size > 0 else { throw .emptyRange }
    let (last, overflow) = iova.addingReportingOverflow(size - 1)
    guard !overflow else { throw .wrapsAround(iova: iova, size: size) }
    return iova...last
  }

  /// Records `size` bytes at `iova` as mapped, unless they overlap a recorded range.
  func reserve(iova: UInt64, size: UInt64) throws(DMAError) {
    let span = try Self.span(iova: iova, size: size)
    try ranges.withLock { (ranges) throws(DMAError) in
      let index = ranges.partitioningIndex { $0.lowerBound > span.lowerBound }
      for neighbour in [index - 1, index] where ranges.indices.contains(neighbour) {
        if ranges[neighbour].overlaps(span) { throw .overlaps(iova: iova, size: size, mapped: ranges[neighbour]) }
      }
      ranges.insert(span, at: index)
    }
  }

  /// Forgets every recorded range inside `size` bytes at `iova`: what an unmap there removed.
  func release(iova: UInt64, size: UInt64) {
    guard let span = try? Self.span(iova: iova, size: size) else { return }
    ranges.withLock { $0.removeAll { span.lowerBound <= $0.lowerBound && $0.upperBound <= span.upperBound } }
  }

  func releaseAll() { ranges.withLock { $0.removeAll() } }
}

extension Array {
  /// The first index whose element satisfies `belongsAfter`, for an array partitioned by it.
  fileprivate func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
    var low = startIndex, high = endIndex
    while low < high {
      let middle = low + (high - low) / 2
      if belongsAfter(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
