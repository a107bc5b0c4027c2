/// How ``VFIODevice/setMSIXVectors(_:enabledCount:)`` bound the vectors.
public enum MSIXVectorChange: Hashable, Sendable {
  /// MSI-X was off: it was enabled with the vectors.
  case enabled
  /// MSI-X stayed enabled and the vectors were set in place: fewer than were enabled (the rest
  /// unbound), or more where the kernel lets an enabled index grow (no `VFIO_IRQ_INFO_NORESIZE`).
  case setInPlace
  /// The index has `VFIO_IRQ_INFO_NORESIZE` and more vectors were asked than were enabled: MSI-X
  /// was disabled and enabled again with every vector. An interrupt raised in between is lost, as
  /// with any re-enable; a driver re-checks its queues afterwards.
  case reenabled

  /// What going from `enabled` vectors to `count` takes on an index with `flags`.
  internal init(from enabled: Int, to count: Int, flags: IRQInfoFlags) {
    if enabled == 0 {
      self = .enabled
    } else if count > enabled && flags.contains(.noResize) {
      self = .reenabled
    } else {
      self = .setInPlace
    }
  }
}

extension VFIODevice {
  /// Binds MSI-X vectors 0..<`vectors.count` to `vectors`, when `enabledCount` are enabled now
  /// (0: MSI-X is off), the way the kernel allows.
  ///
  /// vfio-pci cannot add vectors to an enabled MSI-X index that reports `VFIO_IRQ_INFO_NORESIZE`
  /// (every kernel before 6.5, and later ones where the platform cannot allocate MSI-X vectors
  /// dynamically): growing it takes a disable and an enable with every vector. Where the flag is
  /// absent, new vectors are set in place. Shrinking unbinds the vectors past `vectors.count`
  /// (they stay allocated until MSI-X is disabled).
  ///
  /// - Returns: what was done.
  /// - Throws: what ``setIRQs(_:_:index:start:)`` throws; after a failed re-enable MSI-X is off.
  @discardableResult
  public func setMSIXVectors(_ vectors: [VFIOEventFD?], enabledCount: Int) throws(VFIOError) -> MSIXVectorChange {
    let info = try irqInfo(.pciMSIX)
    let change = MSIXVectorChange(from: enabledCount, to: vectors.count, flags: info.flags)
    switch change {
    case .enabled: try enableMSIX(vectors)
    case .reenabled:
      try disableMSIX()
      try enableMSIX(vectors)
    case .setInPlace:
      let unbound = [VFIOEventFD?](repeating: nil, count: max(0, enabledCount - vectors.count))
      try setIRQs(.trigger, .eventfds(vectors + unbound), index: .pciMSIX)
    }
    return change
  }
}
