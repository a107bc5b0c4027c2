import CVFIO

/// The fixed part of `VFIO_DEVICE_GET_PCI_HOT_RESET_INFO`: how many devices a hot
/// reset affects.
///
/// The devices (``PCIDependentDevice``) follow in the C struct's flexible
/// `devices[]`, which this wrapper leaves out.
///
/// The C struct is `struct vfio_pci_hot_reset_info`; ``rawValue`` reaches every field.
public struct PCIHotResetInfo: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_pci_hot_reset_info

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_pci_hot_reset_info) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_pci_hot_reset_info`; the kernel fills the rest.
  @inlinable
  public init() {
    rawValue = vfio_pci_hot_reset_info()
    rawValue.argsz = UInt32(MemoryLayout<vfio_pci_hot_reset_info>.stride)
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// Whether ids are device ids and all owned.
  @inlinable public var flags: PCIHotResetFlags { PCIHotResetFlags(rawValue: rawValue.flags) }

  /// How many devices the reset affects.
  @inlinable public var count: Int { Int(rawValue.count) }
}
