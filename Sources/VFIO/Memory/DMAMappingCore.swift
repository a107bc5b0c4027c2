import SystemPackage

/// The state behind a ``DMAMapping``: the memory, its space, and which pieces are mapped.
/// A class so that the `~Copyable` mapping can be shared read-only across threads and still
/// change its pieces under a lock.
internal final class DMAMappingCore: @unchecked Sendable {
  // @unchecked: `memory` holds a raw pointer, fixed for the object's life; all that changes
  // is `state`, behind its lock.
  let memory: MemoryParts
  let iova: UInt64
  let access: DMAAccess
  let granularity: UInt64
  let space: DMASpaceHandle
  /// The space's record of this mapping's range (``DMARanges/reserve(iova:size:)``).
  let reservation: UInt64

  struct State {
    /// Per piece, whether it is mapped now.
    var mapped: [Bool]
    /// Set once the memory has left this object (given back, or leaked after a refused unmap).
    var released = false
  }

  let state: Locked<State>

  /// The most pieces one mapping is cut into: type1's default limit of mappings per container
  /// (`dma_entry_limit`) is 65,535.
  static var maximumPieces: UInt64 { 1 << 16 }

  /// Maps `memory` at `iova`, piece by piece; on failure unmaps what it mapped and frees the memory.
  init(
    _ memory: MemoryParts, iova: UInt64, access: DMAAccess, granularity: UInt64?, space: DMASpaceHandle
  ) throws(VFIOError) {
    let target = space.kind.describe(iova: iova, size: memory.size)
    let operation = space.kind.mapName
    let piece = granularity ?? memory.size
    let reservation: UInt64
    do throws(DMAError) {
      guard piece > 0, piece % memory.pageSize == 0 else {
        throw .misaligned(value: piece, alignment: memory.pageSize)
      }
      guard memory.size % piece == 0 else { throw .misaligned(value: memory.size, alignment: piece) }
      reservation = try space.ranges.reserve(iova: iova, size: memory.size)
    } catch {
      memory.free()
      throw VFIOError(operation: operation, target: target, reason: .dma(error))
    }
    let count = memory.size / piece
    guard count <= Self.maximumPieces else {
      space.ranges.release(reservation)
      memory.free()
      throw VFIOError(operation: operation, target: target,
        reason: .countAboveLimit(what: "pieces", count: count, limit: Self.maximumPieces))
    }
    self.memory = memory
    self.iova = iova
    self.access = access
    self.granularity = piece
    self.space = space
    self.reservation = reservation
    state = Locked(State(mapped: Array(repeating: false, count: Int(count))))
    // A piece that fails to map ends the initializer: deinit then unmaps those before it.
    for index in 0..<count {
      try space.map(address: memory.address + Int(index * piece), size: piece, iova: iova + index * piece, access: access)
      state.withLock { $0.mapped[Int(index)] = true }
    }
  }

  deinit {
    let freed = state.withLock { state -> Bool in
      guard !state.released else { return false }
      state.released = true
      return !ownsMappedPieces(state) || space.unmap(iova: iova, size: memory.size) == nil
    }
    space.ranges.release(reservation)
    // Nobody hears a failure here; the pages stay mapped in this process if the IOMMU kept them.
    if freed { memory.free() }
  }

  /// Whether unmapping the range at the end would remove this mapping's pieces: not when none is
  /// mapped, nor when an unmap through the space itself already removed the range — the space
  /// may have mapped another owner's memory there since, which this mapping must not unmap.
  private func ownsMappedPieces(_ state: State) -> Bool {
    state.mapped.contains(true) && space.ranges.holds(reservation)
  }

  func isMapped(at offset: UInt64) -> Bool {
    guard offset < memory.size else { return false }
    return state.withLock { $0.mapped[Int(offset / granularity)] }
  }

  func setPieces(_ offsets: Range<UInt64>, mapped: Bool) throws(VFIOError) {
    let operation = mapped ? space.kind.mapName : space.kind.unmapName
    let target = space.kind.describe(iova: iova &+ offsets.lowerBound, size: UInt64(offsets.count))
    guard offsets.upperBound <= memory.size, !offsets.isEmpty else {
      throw VFIOError(operation: operation, target: target, reason: .outOfRange(
        offset: offsets.lowerBound, count: UInt64(offsets.count), limit: memory.size))
    }
    for bound in [offsets.lowerBound, offsets.upperBound] where bound % granularity != 0 {
      throw VFIOError(operation: operation, target: target, reason: .dma(.misaligned(value: bound, alignment: granularity)))
    }
    let pieces = Int(offsets.lowerBound / granularity)..<Int(offsets.upperBound / granularity)
    try state.withLock { (state) throws(VFIOError) in
      if let index = pieces.first(where: { state.mapped[$0] == mapped }) {
        throw VFIOError(operation: operation, target: target,
          reason: .dma(.pieceAlreadyInState(offset: UInt64(index) * granularity, mapped: mapped)))
      }
      if !mapped {
        if let errno = space.unmap(iova: iova + offsets.lowerBound, size: UInt64(offsets.count)) {
          throw VFIOError(operation: operation, target: target, errno: errno)
        }
        for index in pieces { state.mapped[index] = false }
        return
      }
      for index in pieces {
        let offset = UInt64(index) * granularity
        try space.map(address: memory.address + Int(offset), size: granularity, iova: iova + offset, access: access)
        state.mapped[index] = true
      }
    }
  }

  /// Unmaps every mapped piece and hands the memory over; a refused unmap leaks it instead.
  func unmapAndRelease() throws(VFIOError) -> MemoryParts {
    let failure = state.withLock { state -> Errno? in
      state.released = true
      guard ownsMappedPieces(state) else { return nil }
      return space.unmap(iova: iova, size: memory.size)
    }
    space.ranges.release(reservation)
    if let failure {
      throw VFIOError(operation: space.kind.unmapName, target: space.kind.describe(iova: iova, size: memory.size), errno: failure)
    }
    return memory
  }
}
