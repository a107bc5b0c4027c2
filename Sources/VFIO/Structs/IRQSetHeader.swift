import CVFIO

/// The fixed part of `VFIO_DEVICE_SET_IRQS`: what to do with a range of vectors.
///
/// The data for the vectors (none, one byte or one eventfd each) follows the
/// header in the C struct's flexible `data[]`, which this wrapper leaves out;
/// `argsz` covers the header only until the caller adds the data's size.
///
/// The C struct is `struct vfio_irq_set`; ``rawValue`` reaches every field.
public struct IRQSetHeader: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_irq_set

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_irq_set) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_irq_set` and the given fields.
  @inlinable
  public init(flags: IRQSetFlags, index: IRQIndex, start: UInt32, count: UInt32) {
    rawValue = vfio_irq_set()
    rawValue.argsz = UInt32(MemoryLayout<vfio_irq_set>.stride)
    self.flags = flags
    self.index = index
    self.start = start
    self.count = count
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// One data type and one action.
  @inlinable public var flags: IRQSetFlags {
    get { IRQSetFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }

  /// The interrupt index.
  @inlinable public var index: IRQIndex {
    get { IRQIndex(rawValue: rawValue.index) }
    set { rawValue.index = newValue.rawValue }
  }

  /// The first vector.
  @inlinable public var start: UInt32 {
    get { rawValue.start }
    set { rawValue.start = newValue }
  }

  /// How many vectors from `start`; 0 with `.dataNone | .actionTrigger` disables the index.
  @inlinable public var count: UInt32 {
    get { rawValue.count }
    set { rawValue.count = newValue }
  }
}
