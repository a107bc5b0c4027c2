import CVFIO

/// The argument of `VFIO_DEVICE_DETACH_IOMMUFD_PT`: detach a device from its page table.
///
/// The C struct is `struct vfio_device_detach_iommufd_pt` as the newest header lays it out (CVFIO's
/// `struct cvfio_device_detach_iommufd_pt`, which older kernels accept); ``rawValue`` reaches every field.
public struct DetachIOMMUFDPageTable: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: cvfio_device_detach_iommufd_pt

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: cvfio_device_detach_iommufd_pt) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_detach_iommufd_pt`; the kernel fills the rest.
  @inlinable
  public init() {
    rawValue = cvfio_device_detach_iommufd_pt()
    rawValue.argsz = UInt32(MemoryLayout<cvfio_device_detach_iommufd_pt>.stride)
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// Whether one PASID is detached rather than the device (`flags`).
  @inlinable public var flags: PageTableDetachFlags {
    get { PageTableDetachFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }

  /// The PASID to detach, read when ``flags`` has ``PageTableDetachFlags/pasid`` (`pasid`).
  @inlinable public var pasid: UInt32 {
    get { rawValue.pasid }
    set { rawValue.pasid = newValue }
  }
}
