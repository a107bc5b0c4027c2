import CVFIO
import SystemPackage

/// The payload of `VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP` (set).
///
/// The C struct is `struct vfio_device_low_power_entry_with_wakeup`; ``rawValue`` reaches every field.
public struct LowPowerEntryWithWakeup: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_low_power_entry_with_wakeup

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_low_power_entry_with_wakeup) { self.rawValue = rawValue }

  /// The given fields; any other field is zero.
  @inlinable
  public init(wakeupEventFD: FileDescriptor) {
    rawValue = vfio_device_low_power_entry_with_wakeup()
    self.wakeupEventFD = wakeupEventFD
  }

  /// The eventfd the kernel signals when the device wakes up.
  @inlinable public var wakeupEventFD: FileDescriptor {
    get { FileDescriptor(rawValue: rawValue.wakeup_eventfd) }
    set { rawValue.wakeup_eventfd = newValue.rawValue }
  }
}
