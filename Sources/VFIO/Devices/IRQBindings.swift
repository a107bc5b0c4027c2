
/// The eventfds a device has bound to its interrupts, held until the kernel lets go of them.
///
/// This is the one part of a device that threads take turns at: `VFIO_DEVICE_SET_IRQS` and
/// the record of what it bound change together under one lock, so the record always matches
/// what the kernel holds, whichever thread sets up interrupts.
internal final class IRQBindings: Sendable {
  internal struct Table {
    /// Per IRQ index, per vector, the trigger eventfd; and the INTx resample eventfd.
    var triggers: [IRQIndex: [UInt32: VFIOEventFD]] = [:]
    var resamples: [IRQIndex: [UInt32: VFIOEventFD]] = [:]
    /// Per enabled IRQ index, the vectors the kernel allocated: `start + count` of the
    /// `DATA_EVENTFD` trigger that enabled it, grown by later ones (vfio-pci's
    /// `vfio_msi_enable(start + count)`). Absent while the index is off.
    var enabled: [IRQIndex: UInt32] = [:]
    /// ioeventfds, kept until the device closes: a cleared one is cheap to keep.
    var ioeventfds: [VFIOEventFD] = []

    mutating func keep(ioeventfd: VFIOEventFD) {
      if !ioeventfds.contains(where: { $0 === ioeventfd }) { ioeventfds.append(ioeventfd) }
    }

    mutating func bind(_ eventfds: [VFIOEventFD?], index: IRQIndex, start: UInt32, resample: Bool) {
      var table = (resample ? resamples : triggers)[index, default: [:]]
      for (offset, eventfd) in eventfds.enumerated() { table[start + UInt32(offset)] = eventfd }
      if resample {
        resamples[index] = table
      } else {
        triggers[index] = table
        if !eventfds.isEmpty { enabled[index] = max(enabled[index] ?? 0, start + UInt32(eventfds.count)) }
      }
    }

    /// After a trigger with count 0 the kernel has released every eventfd of the index.
    mutating func releaseAll(index: IRQIndex) {
      triggers[index] = nil
      resamples[index] = nil
      enabled[index] = nil
    }
  }

  private let table = Locked(Table())

  /// Runs `body` (the ioctl and the record of its effect) while no other thread of this device
  /// changes its interrupts.
  func update<Result, Failure: Error>(_ body: (inout Table) throws(Failure) -> Result) throws(Failure) -> Result {
    try table.withLock { (table) throws(Failure) in try body(&table) }
  }
}
