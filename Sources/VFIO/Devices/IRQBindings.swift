/// The eventfds a device has bound to its interrupts, held until the kernel lets go of them.
///
/// A class inside the `~Copyable` device so that binding works through a borrowed device;
/// a device is used from one task at a time, like its descriptor.
internal final class IRQBindings {
  /// Per IRQ index: per vector, the trigger eventfd; and the INTx resample eventfd.
  private var triggers: [IRQIndex: [UInt32: VFIOEventFD]] = [:]
  private var resamples: [IRQIndex: [UInt32: VFIOEventFD]] = [:]
  /// ioeventfds, kept until the device closes: a cleared one is cheap to keep.
  private var ioeventfds: [VFIOEventFD] = []

  func keep(ioeventfd: VFIOEventFD) {
    if !ioeventfds.contains(where: { $0 === ioeventfd }) { ioeventfds.append(ioeventfd) }
  }

  func bind(_ eventfds: [VFIOEventFD?], index: IRQIndex, start: UInt32, resample: Bool) {
    var table = (resample ? resamples : triggers)[index, default: [:]]
    for (offset, eventfd) in eventfds.enumerated() { table[start + UInt32(offset)] = eventfd }
    if resample { resamples[index] = table } else { triggers[index] = table }
  }

  /// After a trigger with count 0 the kernel has released every eventfd of the index.
  func releaseAll(index: IRQIndex) {
    triggers[index] = nil
    resamples[index] = nil
  }

  func trigger(index: IRQIndex, vector: UInt32) -> VFIOEventFD? { triggers[index]?[vector] }
}
