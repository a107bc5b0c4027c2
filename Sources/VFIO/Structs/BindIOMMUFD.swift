import CVFIO
import SystemPackage

/// The argument of `VFIO_DEVICE_BIND_IOMMUFD` on a device cdev: bind it to an iommufd.
///
/// The C struct is `struct vfio_device_bind_iommufd`; ``rawValue`` reaches every field.
public struct BindIOMMUFD: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_bind_iommufd

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_bind_iommufd) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_bind_iommufd` and the given fields.
  @inlinable
  public init(iommufd: FileDescriptor) {
    rawValue = vfio_device_bind_iommufd()
    rawValue.argsz = UInt32(MemoryLayout<vfio_device_bind_iommufd>.stride)
    self.iommufd = iommufd
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The iommufd to bind to.
  @inlinable public var iommufd: FileDescriptor {
    get { FileDescriptor(rawValue: rawValue.iommufd) }
    set { rawValue.iommufd = newValue.rawValue }
  }

  /// The device id the kernel returns, for iommufd commands (`out_devid`).
  @inlinable public var deviceID: IOMMUFDDeviceID { IOMMUFDDeviceID(rawValue: rawValue.out_devid) }
}
