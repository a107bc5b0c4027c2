import CVFIO

/// The argument of `VFIO_DEVICE_DETACH_IOMMUFD_PT`: detach a device from its page table.
///
/// The C struct is `struct vfio_device_detach_iommufd_pt`; ``rawValue`` reaches every field.
public struct DetachIOMMUFDPageTable: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_detach_iommufd_pt

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_detach_iommufd_pt) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_detach_iommufd_pt`; the kernel fills the rest.
  @inlinable
  public init() {
    rawValue = vfio_device_detach_iommufd_pt()
    rawValue.argsz = UInt32(MemoryLayout<vfio_device_detach_iommufd_pt>.stride)
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }
}
