import CVFIO

/// The payload of `VFIO_DEVICE_FEATURE_ZPCI_ERROR` (get): the s390 PCI error the platform
/// reported for the device, written into a buffer of the caller's.
///
/// The buffer must hold ``ZPCIBase/ccdfErrorLength`` bytes (the zPCI base capability, version 3);
/// the kernel answers ENOMSG when no error is pending.
///
/// The C struct is `struct vfio_device_feature_zpci_err`; ``rawValue`` reaches every field.
public struct ZPCIErrorFeature: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_feature_zpci_err

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_feature_zpci_err) { self.rawValue = rawValue }

  /// The given fields; any other field is zero.
  @inlinable
  public init(buffer: UInt64) {
    rawValue = vfio_device_feature_zpci_err()
    self.buffer = buffer
  }

  /// The user address of the buffer the kernel writes the error record into (`data`).
  @inlinable public var buffer: UInt64 {
    get { rawValue.data }
    set { rawValue.data = newValue }
  }
}
