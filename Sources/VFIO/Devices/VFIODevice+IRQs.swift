import CVFIO
import SystemPackage

extension VFIODevice {
  /// `VFIO_DEVICE_GET_IRQ_INFO` for IRQ `index`.
  public func irqInfo(_ index: IRQIndex) throws(VFIOError) -> IRQInfo {
    var info = IRQInfo(index: index)
    try descriptor.call(.getIRQInfo, &info, on: "\(target), IRQ index \(index.rawValue)")
    return info
  }

  /// `VFIO_DEVICE_SET_IRQS`: `action` on the interrupts of `index` from `start`,
  /// one per element of `data` — e.g. `.trigger` with `.eventfds([fd])` to have
  /// vector `start` signal `fd`, `.unmask` with `.none(count: 1)` to re-arm INTx.
  ///
  /// The set is checked against the index's `VFIO_DEVICE_GET_IRQ_INFO` first, as the kernel would.
  public func setIRQs(_ action: IRQSetAction, _ data: IRQSetData, index: IRQIndex, start: UInt32 = 0) throws(VFIOError) {
    let place = "\(target), IRQ index \(index.rawValue)"
    let info = try irqInfo(index)
    var argument: IRQSetArgument
    do { argument = try IRQSetArgument(action, data, start: start, for: info) } catch {
      throw VFIOError(operation: DeviceIoctl.setIRQs.name, target: place, reason: .irqSet(error))
    }
    do { try descriptor.ioctl(.setIRQs, &argument) } catch {
      throw VFIOError(operation: DeviceIoctl.setIRQs.name, target: place, errno: error)
    }
  }

  /// `VFIO_DEVICE_SET_IRQS` with `DATA_NONE | ACTION_TRIGGER` and count 0: turns every vector of `index` off.
  public func disableIRQs(index: IRQIndex) throws(VFIOError) {
    try setIRQs(.trigger, .none(count: 0), index: index)
  }
}
