import CVFIO
import SystemPackage

/// The argument of `VFIO_DEVICE_IOEVENTFD`: let the kernel perform a device write
/// whenever an eventfd is signalled.
///
/// The 6.12 header names the tail padding `reserved`; the size (32) and the
/// Swift API are the same on both generations.
///
/// The C struct is `struct vfio_device_ioeventfd`; ``rawValue`` reaches every field.
public struct IOEventFD: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_ioeventfd

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_ioeventfd) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_ioeventfd` and the given fields.
  @inlinable
  public init(flags: IOEventFDFlags, offset: UInt64, data: UInt64, fd: FileDescriptor) {
    rawValue = vfio_device_ioeventfd()
    rawValue.argsz = UInt32(MemoryLayout<vfio_device_ioeventfd>.stride)
    self.flags = flags
    self.offset = offset
    self.data = data
    self.fd = fd
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The width of the write.
  @inlinable public var flags: IOEventFDFlags {
    get { IOEventFDFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }

  /// Where to write in the device file.
  @inlinable public var offset: UInt64 {
    get { rawValue.offset }
    set { rawValue.offset = newValue }
  }

  /// The value to write.
  @inlinable public var data: UInt64 {
    get { rawValue.data }
    set { rawValue.data = newValue }
  }

  /// The eventfd to watch; -1 removes the ioeventfd.
  @inlinable public var fd: FileDescriptor {
    get { FileDescriptor(rawValue: rawValue.fd) }
    set { rawValue.fd = newValue.rawValue }
  }
}
