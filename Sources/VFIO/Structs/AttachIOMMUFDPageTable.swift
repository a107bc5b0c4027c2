import CVFIO

/// The argument of `VFIO_DEVICE_ATTACH_IOMMUFD_PT`: attach a bound device to an IOAS
/// or hardware page table.
///
/// The C struct is `struct vfio_device_attach_iommufd_pt` as the newest header lays it out (CVFIO's
/// `struct cvfio_device_attach_iommufd_pt`, which older kernels accept); ``rawValue`` reaches every field.
public struct AttachIOMMUFDPageTable: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: cvfio_device_attach_iommufd_pt

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: cvfio_device_attach_iommufd_pt) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_attach_iommufd_pt` and the given fields.
  @inlinable
  public init(pageTableID: UInt32) {
    rawValue = cvfio_device_attach_iommufd_pt()
    rawValue.argsz = UInt32(MemoryLayout<cvfio_device_attach_iommufd_pt>.stride)
    self.pageTableID = pageTableID
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The IOAS or HWPT id; the kernel writes back the HWPT it attached (`pt_id`).
  @inlinable public var pageTableID: UInt32 {
    get { rawValue.pt_id }
    set { rawValue.pt_id = newValue }
  }

  /// Whether one PASID is attached rather than the device (`flags`).
  @inlinable public var flags: PageTableAttachFlags {
    get { PageTableAttachFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }

  /// The PASID to attach, read when ``flags`` has ``PageTableAttachFlags/pasid`` (`pasid`).
  @inlinable public var pasid: UInt32 {
    get { rawValue.pasid }
    set { rawValue.pasid = newValue }
  }
}
