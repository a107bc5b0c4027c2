/// How an MSI-X change (``VFIODevice/bindMSIX(_:vector:)``, ``VFIODevice/setMSIXVectors(_:)``)
/// reached the kernel.
public enum MSIXVectorChange: Hashable, Sendable {
  /// MSI-X was off: it was enabled with the vectors.
  case enabled
  /// MSI-X stayed enabled and the vectors were set in place: within the vectors enabled, or past
  /// them where the kernel lets an enabled index grow (no `VFIO_IRQ_INFO_NORESIZE`).
  case setInPlace
  /// The index has `VFIO_IRQ_INFO_NORESIZE` and a vector past the enabled ones was asked for:
  /// MSI-X was disabled and enabled again with every bound vector. An interrupt raised in
  /// between is lost, as with any re-enable; a driver re-checks its queues afterwards.
  case reenabled
}

/// The MSI-X vectors of a device as the package last set them: what vfio-pci holds.
public struct MSIXBindings: Sendable {
  /// The vectors the kernel allocated when it enabled MSI-X (and grew since); 0 while MSI-X is off.
  public let enabledVectors: UInt32
  /// The eventfd each bound vector signals.
  public let eventfds: [UInt32: VFIOEventFD]
}
