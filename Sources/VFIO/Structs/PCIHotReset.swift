import CVFIO

/// The fixed part of `VFIO_DEVICE_PCI_HOT_RESET`.
///
/// The group fds that prove ownership follow in the C struct's flexible
/// `group_fds[]`, which this wrapper leaves out; `count` says how many.
///
/// The C struct is `struct vfio_pci_hot_reset`; ``rawValue`` reaches every field.
public struct PCIHotReset: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_pci_hot_reset

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_pci_hot_reset) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_pci_hot_reset` and the given fields.
  @inlinable
  public init(count: UInt32) {
    rawValue = vfio_pci_hot_reset()
    rawValue.argsz = UInt32(MemoryLayout<vfio_pci_hot_reset>.stride)
    self.count = count
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// How many group fds follow.
  @inlinable public var count: UInt32 {
    get { rawValue.count }
    set { rawValue.count = newValue }
  }
}
