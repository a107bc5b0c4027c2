import CVFIO
import SystemPackage

/// The argument of `VFIO_DEVICE_BIND_IOMMUFD` on a device cdev: bind it to an iommufd.
///
/// The C struct is `struct vfio_device_bind_iommufd` as the newest header lays it out (CVFIO's
/// `struct cvfio_device_bind_iommufd`, which older kernels accept); ``rawValue`` reaches every field.
public struct BindIOMMUFD: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: cvfio_device_bind_iommufd

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: cvfio_device_bind_iommufd) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_bind_iommufd` and the given fields.
  @inlinable
  public init(iommufd: FileDescriptor) {
    rawValue = cvfio_device_bind_iommufd()
    rawValue.argsz = UInt32(MemoryLayout<cvfio_device_bind_iommufd>.stride)
    self.iommufd = iommufd
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The iommufd to bind to.
  @inlinable public var iommufd: FileDescriptor {
    get { FileDescriptor(rawValue: rawValue.iommufd) }
    set { rawValue.iommufd = newValue.rawValue }
  }

  /// What the optional fields carry (`flags`).
  @inlinable public var flags: DeviceBindFlags {
    get { DeviceBindFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }

  /// The address of the 16-byte VF token, read by the kernel when ``flags`` has
  /// ``DeviceBindFlags/token`` (`token_uuid_ptr`). ``VFIODevice/bind(to:token:)`` keeps the
  /// token alive for the call.
  @inlinable public var tokenAddress: UInt64 {
    get { rawValue.token_uuid_ptr }
    set { rawValue.token_uuid_ptr = newValue }
  }

  /// The device id the kernel returns, for iommufd commands (`out_devid`).
  @inlinable public var deviceID: IOMMUFDDeviceID { IOMMUFDDeviceID(rawValue: rawValue.out_devid) }
}
