import CVFIO

/// One device a PCI hot reset affects.
///
/// The 6.12 header puts `group_id` in a union with `devid`; the 6.1 header has
/// `group_id` only. Both accessors read the same 4 bytes on either header.
///
/// The C struct is `struct vfio_pci_dependent_device`; ``rawValue`` reaches every field.
public struct PCIDependentDevice: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_pci_dependent_device

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_pci_dependent_device) { self.rawValue = rawValue }

  /// Every field zero.
  @inlinable
  public init() {
    rawValue = vfio_pci_dependent_device()
  }

  /// The IOMMU group of the device (group callers: `PCIHotResetFlags.deviceID` clear).
  @inlinable public var groupID: UInt32 { rawValue.group_id }

  /// ``groupID`` as a group number.
  @inlinable public var group: IOMMUGroupNumber { IOMMUGroupNumber(rawValue: rawValue.group_id) }

  /// The iommufd device id of the device (cdev callers: `PCIHotResetFlags.deviceID` set).
  @inlinable public var deviceID: IOMMUFDDeviceID { IOMMUFDDeviceID(rawValue: rawValue.group_id) }

  /// The PCI segment.
  @inlinable public var segment: UInt16 { rawValue.segment }

  /// The PCI bus.
  @inlinable public var bus: UInt8 { rawValue.bus }

  /// The PCI device and function, `device << 3 | function`.
  @inlinable public var devfn: UInt8 { rawValue.devfn }

  /// The PCI device number, bits 7-3 of `devfn`.
  @inlinable public var device: UInt8 { devfn >> 3 }

  /// The PCI function number, bits 2-0 of `devfn`.
  @inlinable public var function: UInt8 { devfn & 0x7 }
}
