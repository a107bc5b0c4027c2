import CVFIO
import SystemPackage

/// What `VFIO_DEVICE_SET_IRQS` carries for each interrupt it names, at the device layer:
/// eventfds are owned objects, which the device keeps while the kernel holds them.
public enum IRQData {
  /// Act on `count` interrupts now (`VFIO_IRQ_SET_DATA_NONE`); a trigger with count 0
  /// disables the whole index.
  case none(count: UInt32)
  /// Act on the interrupts whose element is true (`VFIO_IRQ_SET_DATA_BOOL`).
  case bools([Bool])
  /// Bind each interrupt to an eventfd, or unbind it with nil (`VFIO_IRQ_SET_DATA_EVENTFD`).
  case eventfds([VFIOEventFD?])

  var raw: IRQSetData {
    switch self {
    case .none(let count): .none(count: count)
    case .bools(let values): .bools(values)
    case .eventfds(let fds): .eventfds(fds.map { $0?.fileDescriptor.rawValue ?? -1 })
    }
  }
}

extension VFIODevice {
  /// `VFIO_DEVICE_GET_IRQ_INFO` for IRQ `index`.
  public func irqInfo(_ index: IRQIndex) throws(VFIOError) -> IRQInfo {
    var info = IRQInfo(index: index)
    try descriptor.call(.getIRQInfo, &info, on: "\(target), IRQ index \(index.rawValue)")
    return info
  }

  /// `VFIO_DEVICE_SET_IRQS`: `action` on the interrupts of `index` from `start`,
  /// one per element of `data` — e.g. `.trigger` with `.eventfds([event])` to have
  /// vector `start` signal `event`, `.unmask` with `.none(count: 1)` to re-arm INTx.
  ///
  /// The set is checked against the index's `VFIO_DEVICE_GET_IRQ_INFO` first, as the kernel
  /// would. Eventfds bound here stay referenced by the device until unbound, the index is
  /// disabled, or the device is closed.
  public func setIRQs(_ action: IRQSetAction, _ data: IRQData, index: IRQIndex, start: UInt32 = 0) throws(VFIOError) {
    let place = "\(target), IRQ index \(index.rawValue)"
    let info = try irqInfo(index)
    var argument: IRQSetArgument
    do { argument = try IRQSetArgument(action, data.raw, start: start, for: info) } catch {
      throw VFIOError(operation: DeviceIoctl.setIRQs.name, target: place, reason: .irqSet(error))
    }
    try irqBindings.update { (bindings) throws(VFIOError) in
      try descriptor.call(.setIRQs, &argument, on: place)
      switch (action, data) {
      case (.trigger, .eventfds(let fds)): bindings.bind(fds, index: index, start: start, resample: false)
      case (.unmask, .eventfds(let fds)): bindings.bind(fds, index: index, start: start, resample: true)
      case (.trigger, .none(count: 0)): bindings.releaseAll(index: index)
      default: break
      }
    }
  }

  /// `VFIO_DEVICE_SET_IRQS` with `DATA_NONE | ACTION_TRIGGER` and count 0: turns every vector of `index` off.
  public func disableIRQs(index: IRQIndex) throws(VFIOError) {
    try setIRQs(.trigger, .none(count: 0), index: index)
  }

  /// Enables MSI-X with one eventfd per vector, from vector 0 (nil leaves a vector unbound).
  public func enableMSIX(_ vectors: [VFIOEventFD?]) throws(VFIOError) {
    try setIRQs(.trigger, .eventfds(vectors), index: .pciMSIX)
  }

  /// Disables MSI-X and releases its eventfds.
  public func disableMSIX() throws(VFIOError) { try disableIRQs(index: .pciMSIX) }

  /// Enables MSI with one eventfd per vector, from vector 0.
  public func enableMSI(_ vectors: [VFIOEventFD?]) throws(VFIOError) {
    try setIRQs(.trigger, .eventfds(vectors), index: .pciMSI)
  }

  /// Disables MSI and releases its eventfds.
  public func disableMSI() throws(VFIOError) { try disableIRQs(index: .pciMSI) }

  /// Enables INTx signalling `trigger`; with `resample`, the kernel unmasks the line
  /// itself when `resample` is signalled (the KVM resampling irqfd's other half).
  public func enableINTx(trigger: VFIOEventFD, resample: VFIOEventFD? = nil) throws(VFIOError) {
    try setIRQs(.trigger, .eventfds([trigger]), index: .pciINTx)
    if let resample { try setIRQResampleFD(resample, index: .pciINTx) }
  }

  /// Disables INTx and releases its eventfds.
  public func disableINTx() throws(VFIOError) { try disableIRQs(index: .pciINTx) }

  /// `ACTION_UNMASK | DATA_EVENTFD`: the kernel unmasks `vector` of `index` whenever
  /// `eventfd` is signalled.
  public func setIRQResampleFD(_ eventfd: VFIOEventFD?, index: IRQIndex, vector: UInt32 = 0) throws(VFIOError) {
    try setIRQs(.unmask, .eventfds([eventfd]), index: index, start: vector)
  }

  /// Fires `vector` of `index` as the device would (`DATA_NONE | ACTION_TRIGGER`, count 1),
  /// signalling its eventfd: a loopback test of the interrupt path.
  public func triggerIRQ(index: IRQIndex, vector: UInt32 = 0) throws(VFIOError) {
    try setIRQs(.trigger, .none(count: 1), index: index, start: vector)
  }
}
