import CVFIO

/// The argument of `VFIO_DEVICE_GET_INFO`: a device's bus, regions and interrupts.
///
/// The 6.12 header appends `pad` (4 bytes) to the C struct, so `argsz` is 24
/// there and 20 with the 6.1 header; the Swift API is the same on both.
///
/// The C struct is `struct vfio_device_info`; ``rawValue`` reaches every field.
public struct DeviceInfo: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_info

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_info) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_info`; the kernel fills the rest.
  @inlinable
  public init() {
    rawValue = vfio_device_info()
    rawValue.argsz = UInt32(MemoryLayout<vfio_device_info>.stride)
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The device's bus and abilities.
  @inlinable public var flags: DeviceInfoFlags { DeviceInfoFlags(rawValue: rawValue.flags) }

  /// How many region indexes the device has (`num_regions`).
  @inlinable public var regionCount: UInt32 { rawValue.num_regions }

  /// How many interrupt indexes the device has (`num_irqs`).
  @inlinable public var irqCount: UInt32 { rawValue.num_irqs }

  /// The offset of the first capability from the start of the argument, 0 for none
  /// (`cap_offset`; valid with `DeviceInfoFlags.capabilities`).
  @inlinable public var capabilityOffset: Int { Int(rawValue.cap_offset) }
}
