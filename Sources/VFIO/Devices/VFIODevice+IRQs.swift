import CVFIO
import SystemPackage

extension VFIODevice {
  /// `VFIO_DEVICE_GET_IRQ_INFO` for IRQ `index`.
  public func irqInfo(_ index: IRQIndex) throws(VFIOError) -> IRQInfo {
    var info = IRQInfo(index: index).rawValue
    try descriptor.call(.getIRQInfo, &info, on: "\(target), IRQ index \(index.rawValue)")
    return IRQInfo(rawValue: info)
  }

  /// `VFIO_DEVICE_SET_IRQS` with `DATA_EVENTFD | ACTION_TRIGGER`: vector `start + i`
  /// signals `fileDescriptors[i]`; -1 detaches that vector.
  public func setIRQTriggers(index: IRQIndex, start: UInt32 = 0, fileDescriptors: [CInt]) throws(VFIOError) {
    try setIRQs(
      index: index, start: start,
      count: try u32(fileDescriptors.count, DeviceIoctl.setIRQs.name, on: "\(target), IRQ index \(index.rawValue)"),
      flags: UInt32(VFIO_IRQ_SET_DATA_EVENTFD) | UInt32(VFIO_IRQ_SET_ACTION_TRIGGER),
      payload: fileDescriptors.withUnsafeBytes { Array($0) })
  }

  /// `VFIO_DEVICE_SET_IRQS` with `DATA_NONE | ACTION_TRIGGER` and count 0: turns every vector of `index` off.
  public func disableIRQs(index: IRQIndex) throws(VFIOError) {
    try setIRQs(
      index: index, start: 0, count: 0,
      flags: UInt32(VFIO_IRQ_SET_DATA_NONE) | UInt32(VFIO_IRQ_SET_ACTION_TRIGGER), payload: [])
  }

  /// `VFIO_DEVICE_SET_IRQS` with `DATA_NONE | ACTION_TRIGGER`: fires the vectors as if the device had.
  public func triggerIRQs(index: IRQIndex, start: UInt32 = 0, count: UInt32 = 1) throws(VFIOError) {
    try setIRQs(
      index: index, start: start, count: count,
      flags: UInt32(VFIO_IRQ_SET_DATA_NONE) | UInt32(VFIO_IRQ_SET_ACTION_TRIGGER), payload: [])
  }

  /// `VFIO_DEVICE_SET_IRQS` with `DATA_NONE | ACTION_UNMASK`: re-arms a level interrupt
  /// (INTx), which the kernel masks each time it fires.
  public func unmaskIRQs(index: IRQIndex, start: UInt32 = 0, count: UInt32 = 1) throws(VFIOError) {
    try setIRQs(
      index: index, start: start, count: count,
      flags: UInt32(VFIO_IRQ_SET_DATA_NONE) | UInt32(VFIO_IRQ_SET_ACTION_UNMASK), payload: [])
  }

  private func setIRQs(index: IRQIndex, start: UInt32, count: UInt32, flags: UInt32, payload: [UInt8]) throws(VFIOError) {
    let headerSize = MemoryLayout<vfio_irq_set>.size
    var set = vfio_irq_set()
    set.argsz = try u32(headerSize + payload.count, DeviceIoctl.setIRQs.name, on: target)
    set.flags = flags
    set.index = index.rawValue
    set.start = start
    set.count = count
    try withArgumentBuffer(byteCount: headerSize + payload.count) { (buffer) throws(VFIOError) in
      withUnsafeBytes(of: set) { buffer.copyMemory(from: $0) }
      payload.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[headerSize...]).copyMemory(from: $0) }
      try descriptor.call(.setIRQs, buffer.baseAddress, on: "\(target), IRQ index \(index.rawValue)")
    }
  }
}
