import CVFIO

/// The argument of `VFIO_DEVICE_GET_IRQ_INFO`: how many vectors an interrupt index has
/// and how they are signalled.
///
/// The C struct is `struct vfio_irq_info`; ``rawValue`` reaches every field.
public struct IRQInfo: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_irq_info

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_irq_info) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_irq_info` and the given fields.
  @inlinable
  public init(index: IRQIndex) {
    rawValue = vfio_irq_info()
    rawValue.argsz = UInt32(MemoryLayout<vfio_irq_info>.stride)
    self.index = index
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The interrupt index asked about.
  @inlinable public var index: IRQIndex {
    get { IRQIndex(rawValue: rawValue.index) }
    set { rawValue.index = newValue.rawValue }
  }

  /// How the vectors can be signalled and masked.
  @inlinable public var flags: IRQInfoFlags { IRQInfoFlags(rawValue: rawValue.flags) }

  /// How many vectors the index has; 0 when the device lacks it.
  @inlinable public var count: UInt32 { rawValue.count }
}
