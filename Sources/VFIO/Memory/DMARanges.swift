
/// The IOVA ranges mapped through one address space by this package, so that a request
/// overlapping one of them, wrapping around or empty is refused before the kernel sees it.
///
/// Threads mapping disjoint ranges of one space at once only meet here, for a lookup.
internal final class DMARanges: Sendable {
  /// A recorded range and the reservation that put it there.
  struct Entry {
    var span: ClosedRange<UInt64>
    var reservation: UInt64
  }

  struct Record {
    /// Sorted by their start, disjoint.
    var entries: [Entry] = []
    var lastReservation: UInt64 = 0
  }

  private let record = Locked(Record())

  /// The inclusive range of `size` bytes at `iova`.
  static func span(iova: UInt64, size: UInt64) throws(DMAError) -> ClosedRange<UInt64> {
    guard size > 0 else { throw .emptyRange }
    let (last, overflow) = iova.addingReportingOverflow(size - 1)
    guard !overflow else { throw .wrapsAround(iova: iova, size: size) }
    return iova...last
  }

  /// Records `size` bytes at `iova` as mapped, unless they overlap a recorded range; returns the
  /// reservation, which ``release(_:)`` and ``holds(_:)`` name.
  @discardableResult
  func reserve(iova: UInt64, size: UInt64) throws(DMAError) -> UInt64 {
    let span = try Self.span(iova: iova, size: size)
    return try record.withLock { (record) throws(DMAError) -> UInt64 in
      let index = record.entries.partitioningIndex { $0.span.lowerBound > span.lowerBound }
      for neighbour in [index - 1, index] where record.entries.indices.contains(neighbour) {
        let mapped = record.entries[neighbour].span
        if mapped.overlaps(span) { throw .overlaps(iova: iova, size: size, mapped: mapped) }
      }
      record.lastReservation += 1
      record.entries.insert(Entry(span: span, reservation: record.lastReservation), at: index)
      return record.lastReservation
    }
  }

  /// Forgets every recorded range inside `size` bytes at `iova`: what an unmap there removed.
  func release(iova: UInt64, size: UInt64) {
    guard let span = try? Self.span(iova: iova, size: size) else { return }
    record.withLock { $0.entries.removeAll { span.lowerBound <= $0.span.lowerBound && $0.span.upperBound <= span.upperBound } }
  }

  /// Forgets the range `reservation` recorded, if an unmap of the range has not already.
  func release(_ reservation: UInt64) {
    record.withLock { $0.entries.removeAll { $0.reservation == reservation } }
  }

  /// Whether the range `reservation` recorded is still recorded: an unmap of the range through the
  /// space itself (``DMAAddressSpace/unmapDMA(iova:size:)``, unmap-all) forgets it, and then the
  /// range may hold another owner's mapping.
  func holds(_ reservation: UInt64) -> Bool {
    record.withLock { $0.entries.contains { $0.reservation == reservation } }
  }

  func releaseAll() { record.withLock { $0.entries.removeAll() } }
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
