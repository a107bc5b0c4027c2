import CVFIO

/// The `VFIO_DEVICE_SET_IRQS` argument: `vfio_irq_set` and its `data[]`.
public typealias IRQSetArgument = VariableLengthArgument<vfio_irq_set>

/// What `VFIO_DEVICE_SET_IRQS` does to the interrupts it names.
public enum IRQSetAction: Hashable, Sendable {
  /// Kernel-to-user signalling (`VFIO_IRQ_SET_ACTION_TRIGGER`).
  case trigger
  /// User-to-kernel masking (`VFIO_IRQ_SET_ACTION_MASK`).
  case mask
  /// User-to-kernel unmasking (`VFIO_IRQ_SET_ACTION_UNMASK`).
  case unmask

  var flag: IRQSetFlags {
    switch self {
    case .trigger: .actionTrigger
    case .mask: .actionMask
    case .unmask: .actionUnmask
    }
  }
}

/// The data of `VFIO_DEVICE_SET_IRQS`, one element per interrupt from `start`.
public enum IRQSetData: Hashable, Sendable {
  /// Act on `count` interrupts now (`VFIO_IRQ_SET_DATA_NONE`); a trigger with
  /// count 0 disables the whole index.
  case none(count: UInt32)
  /// Act on the interrupts whose element is true (`VFIO_IRQ_SET_DATA_BOOL`).
  case bools([Bool])
  /// Bind each interrupt to an eventfd, or unbind it with -1
  /// (`VFIO_IRQ_SET_DATA_EVENTFD`).
  case eventfds([Int32])

  var flag: IRQSetFlags {
    switch self {
    case .none: .dataNone
    case .bools: .dataBool
    case .eventfds: .dataEventFD
    }
  }

  var count: Int {
    switch self {
    case .none(let count): Int(count)
    case .bools(let values): values.count
    case .eventfds(let fds): fds.count
    }
  }
}

/// Why an IRQ set was refused before reaching the kernel.
public enum IRQSetError: Error, Hashable, Sendable {
  /// `start` and `count` leave the `available` interrupts of the index, as
  /// the kernel checks (`start < available`, `start + count <= available`,
  /// `count < UInt32.max - start`).
  case rangeOutOfBounds(index: IRQIndex, start: UInt32, count: Int, available: Int)
  /// The index does not signal through eventfds (`VFIO_IRQ_INFO_EVENTFD` unset).
  case eventfdsUnsupported(index: IRQIndex)
  /// The index cannot be masked or unmasked (`VFIO_IRQ_INFO_MASKABLE` unset).
  case maskingUnsupported(index: IRQIndex)
  /// An eventfd below -1, at `position` in the data.
  case invalidEventFD(position: Int, value: Int32)
  /// The data does not fit a 32-bit `argsz` (only possible on an index of
  /// about 2^30 interrupts or more).
  case argumentTooLarge(payloadSize: Int)
}

extension VariableLengthArgument where Header == vfio_irq_set {
  /// Builds `VFIO_DEVICE_SET_IRQS` for the index `info` describes, validated
  /// against it: the range must lie within `info.count`, eventfds need
  /// `VFIO_IRQ_INFO_EVENTFD`, masking and unmasking need `VFIO_IRQ_INFO_MASKABLE`.
  public init(
    _ action: IRQSetAction, _ data: IRQSetData, start: UInt32 = 0, for info: IRQInfo
  ) throws(IRQSetError) {
    let count = data.count
    let available = Int(info.count)
    // The kernel's checks, in vfio_set_irqs_validate_and_prepare.
    guard let first = Int(exactly: start), first < available, count <= available - first,
      let count32 = UInt32(exactly: count), count32 < UInt32.max - start
    else {
      throw .rangeOutOfBounds(index: info.index, start: start, count: count, available: available)
    }
    if case .eventfds = data, !info.flags.contains(.eventfd) {
      throw .eventfdsUnsupported(index: info.index)
    }
    if action != .trigger, !info.flags.contains(.maskable) {
      throw .maskingUnsupported(index: info.index)
    }
    if case .eventfds(let fds) = data, let bad = fds.firstIndex(where: { $0 < -1 }) {
      throw .invalidEventFD(position: bad, value: fds[bad])
    }
    let header = IRQSetHeader(
      flags: data.flag.union(action.flag), index: info.index, start: start, count: count32
    ).rawValue
    let payload: Int
    switch data {
    case .none: payload = 0
    case .bools: payload = count * MemoryLayout<UInt8>.size
    case .eventfds: payload = count * MemoryLayout<Int32>.size
    }
    guard let argument = try? Self(header, payloadSize: payload) else {
      throw .argumentTooLarge(payloadSize: payload)
    }
    self = argument
    withUnsafeMutablePayload { bytes in
      switch data {
      case .none: break
      case .bools(let values):
        for (position, value) in values.enumerated() { bytes[position] = value ? 1 : 0 }
      case .eventfds(let fds):
        for (position, fd) in fds.enumerated() {
          bytes.storeBytes(of: fd, toByteOffset: position * MemoryLayout<Int32>.size, as: Int32.self)
        }
      }
    }
  }
}
