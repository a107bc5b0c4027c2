extension VFIODevice {
  /// Binds MSI-X `vector` to `eventfd`, keeping every other vector as it is: MSI-X is enabled
  /// if it was off, and grown if `vector` lies past the enabled vectors, the way the kernel allows.
  ///
  /// The device keeps which vectors the kernel enabled and which eventfd each signals (see
  /// ``msixBindings``), so callers on any thread only say which vector they want: threads binding
  /// at once take turns, each change made and recorded before the next begins.
  ///
  /// vfio-pci enables MSI-X with the vectors up to the highest one named. Where the index reports
  /// `VFIO_IRQ_INFO_NORESIZE` (every kernel before 6.5, and later ones where the platform cannot
  /// allocate MSI-X vectors dynamically), a vector past them takes a disable and an enable with
  /// every bound vector (``MSIXVectorChange/reenabled``); elsewhere it is set in place. Binding
  /// the highest vector first avoids the re-enable.
  ///
  /// - Returns: what was done.
  /// - Throws: ``VFIOError/Reason/irqSet(_:)`` for a vector the index lacks, before any request;
  ///   the kernel's refusal otherwise. A refused re-enable puts back the vectors bound before
  ///   (MSI-X is off if the kernel refuses that too); a refused in-place bind leaves `vector`
  ///   unbound, as vfio-pci does. ``msixBindings`` says what holds afterwards.
  @discardableResult
  public func bindMSIX(_ eventfd: VFIOEventFD, vector: UInt32) throws(VFIOError) -> MSIXVectorChange {
    try changeMSIX(.bind(vector, eventfd))
  }

  /// Unbinds MSI-X `vector`: it signals nothing until bound again. MSI-X stays enabled, with its
  /// other vectors as they are; ``disableMSIX()`` turns it off. Nothing is asked of the kernel
  /// while MSI-X is off.
  ///
  /// - Throws: ``VFIOError/Reason/irqSet(_:)`` for a vector the index lacks; the kernel's refusal
  ///   (the vector stays bound).
  public func unbindMSIX(vector: UInt32) throws(VFIOError) {
    _ = try changeMSIX(.unbind(vector))
  }

  /// Binds MSI-X vectors 0..<`vectors.count` to `vectors` (nil leaves a vector unbound) and
  /// unbinds the enabled vectors past them, the way the kernel allows: as
  /// ``bindMSIX(_:vector:)``, for the whole table at once.
  ///
  /// - Returns: what was done.
  /// - Throws: as ``bindMSIX(_:vector:)``; after a refused in-place change the vectors it named
  ///   are unbound.
  @discardableResult
  public func setMSIXVectors(_ vectors: [VFIOEventFD?]) throws(VFIOError) -> MSIXVectorChange {
    try changeMSIX(.replace(vectors))
  }

  /// The MSI-X vectors as the package last set them, through any of its calls
  /// (``setIRQs(_:_:index:start:)`` and ``disableMSIX()`` included).
  public var msixBindings: MSIXBindings {
    irqBindings.update { table in
      MSIXBindings(enabledVectors: table.enabled[.pciMSIX] ?? 0, eventfds: table.triggers[.pciMSIX] ?? [:])
    }
  }
}

/// One change of the MSI-X table, as the caller names it.
private enum MSIXEdit {
  case bind(UInt32, VFIOEventFD)
  case unbind(UInt32)
  case replace([VFIOEventFD?])

  /// The vectors the change names, given `enabled` vectors now (0: off).
  func vectors(enabled: UInt32) -> Range<UInt32> {
    switch self {
    // `vector` was checked below the index's count, a UInt32: adding 1 cannot overflow.
    case .bind(let vector, _), .unbind(let vector): vector..<vector + 1
    case .replace(let eventfds): 0..<max(UInt32(eventfds.count), enabled)
    }
  }

  /// `bound` after the change.
  func applied(to bound: [UInt32: VFIOEventFD]) -> [UInt32: VFIOEventFD] {
    var result = bound
    switch self {
    case .bind(let vector, let eventfd): result[vector] = eventfd
    case .unbind(let vector): result[vector] = nil
    case .replace(let eventfds):
      result = [:]
      for (vector, eventfd) in eventfds.enumerated() { result[UInt32(vector)] = eventfd }
    }
    return result
  }
}

extension VFIODevice {
  /// Makes `edit` with the fewest `VFIO_DEVICE_SET_IRQS` vfio-pci allows, under the IRQ lock,
  /// recording after each request what the kernel holds.
  private func changeMSIX(_ edit: MSIXEdit) throws(VFIOError) -> MSIXVectorChange {
    let info = try irqInfo(.pciMSIX)
    let place = "\(target), IRQ index \(IRQIndex.pciMSIX.rawValue)"
    // The widest request the edit can make, checked against the index before any is made.
    _ = try msixArgument(edit.vectors(enabled: 0), of: [:], info: info, place: place)
    return try irqBindings.update { (table) throws(VFIOError) -> MSIXVectorChange in
      let bound = table.triggers[.pciMSIX] ?? [:]
      let wanted = edit.applied(to: bound)
      /// Asks the kernel to make `vectors` signal what `eventfds` binds them to; records it.
      func set(_ vectors: Range<UInt32>, _ eventfds: [UInt32: VFIOEventFD]) throws(VFIOError) {
        var argument = try msixArgument(vectors, of: eventfds, info: info, place: place)
        try descriptor.call(.setIRQs, &argument, on: place)
        table.bind(vectors.map { eventfds[$0] }, index: .pciMSIX, start: vectors.lowerBound, resample: false)
      }
      guard let enabled = table.enabled[.pciMSIX] else {
        if case .unbind = edit { return .setInPlace }
        let vectors = edit.vectors(enabled: 0)
        if vectors.isEmpty { return .setInPlace }
        // A refused enable leaves MSI-X off (vfio-pci disables it again): nothing to record.
        try set(vectors, wanted)
        return .enabled
      }
      let vectors = edit.vectors(enabled: enabled)
      if vectors.upperBound > enabled && info.flags.contains(.noResize) {
        var off = try msixArgument(0..<0, of: [:], info: info, place: place, disable: true)
        try descriptor.call(.setIRQs, &off, on: place)
        table.releaseAll(index: .pciMSIX)
        do throws(VFIOError) { try set(0..<vectors.upperBound, wanted) } catch {
          // Put back what was bound; if the kernel refuses that too, MSI-X stays off.
          try? set(0..<enabled, bound)
          throw error
        }
        return .reenabled
      }
      do throws(VFIOError) { try set(vectors, wanted) } catch {
        // vfio-pci unbinds the vectors of a refused block up to the one it failed at, and keeps
        // the rest: unbinding them all makes the record exact. A refused unbind changed nothing.
        if vectors.contains(where: { wanted[$0] != nil }) { try? set(vectors, [:]) }
        throw error
      }
      return .setInPlace
    }
  }

  /// The `VFIO_DEVICE_SET_IRQS` trigger binding `vectors` of MSI-X to `eventfds` (-1 where
  /// absent), or with `disable`, turning MSI-X off.
  private func msixArgument(
    _ vectors: Range<UInt32>, of eventfds: [UInt32: VFIOEventFD], info: IRQInfo, place: String, disable: Bool = false
  ) throws(VFIOError) -> IRQSetArgument {
    let data: IRQSetData =
      disable ? .none(count: 0) : .eventfds(vectors.map { eventfds[$0]?.fileDescriptor.rawValue ?? -1 })
    do { return try IRQSetArgument(.trigger, data, start: vectors.lowerBound, for: info) } catch {
      throw VFIOError(operation: DeviceIoctl.setIRQs.name, target: place, reason: .irqSet(error))
    }
  }
}
