import CVFIO

/// The index of a device interrupt, as passed to `VFIO_DEVICE_GET_IRQ_INFO` and
/// `VFIO_DEVICE_SET_IRQS`.
///
/// The meaning of an index depends on the device's bus (`DeviceInfoFlags`).
@frozen
public struct IRQIndex: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// PCI legacy INTx.
  ///
  /// The corresponding C constant is `VFIO_PCI_INTX_IRQ_INDEX`.
  @inlinable public static var pciINTx: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_PCI_INTX_IRQ_INDEX))
  }

  /// PCI MSI.
  ///
  /// The corresponding C constant is `VFIO_PCI_MSI_IRQ_INDEX`.
  @inlinable public static var pciMSI: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_PCI_MSI_IRQ_INDEX))
  }

  /// PCI MSI-X.
  ///
  /// The corresponding C constant is `VFIO_PCI_MSIX_IRQ_INDEX`.
  @inlinable public static var pciMSIX: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_PCI_MSIX_IRQ_INDEX))
  }

  /// AER error notification (PCIe only).
  ///
  /// The corresponding C constant is `VFIO_PCI_ERR_IRQ_INDEX`.
  @inlinable public static var pciError: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_PCI_ERR_IRQ_INDEX))
  }

  /// The kernel asks user space to release the device.
  ///
  /// The corresponding C constant is `VFIO_PCI_REQ_IRQ_INDEX`.
  @inlinable public static var pciRequest: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_PCI_REQ_IRQ_INDEX))
  }

  /// CCW I/O completion.
  ///
  /// The corresponding C constant is `VFIO_CCW_IO_IRQ_INDEX`.
  @inlinable public static var ccwIO: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_CCW_IO_IRQ_INDEX))
  }

  /// A CCW channel report word is pending.
  ///
  /// The corresponding C constant is `VFIO_CCW_CRW_IRQ_INDEX`.
  @inlinable public static var ccwCRW: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_CCW_CRW_IRQ_INDEX))
  }

  /// The kernel asks user space to release the CCW device.
  ///
  /// The corresponding C constant is `VFIO_CCW_REQ_IRQ_INDEX`.
  @inlinable public static var ccwRequest: IRQIndex {
    IRQIndex(rawValue: UInt32(CVFIO_CCW_REQ_IRQ_INDEX))
  }

  /// The kernel asks user space to release the AP device.
  ///
  /// The corresponding C constant is `VFIO_AP_REQ_IRQ_INDEX`.
  @inlinable public static var apRequest: IRQIndex {
    IRQIndex(rawValue: UInt32(CVFIO_AP_REQ_IRQ_INDEX))
  }

  /// The kernel signals a change of the AP configuration (adapters, domains)
  /// assigned to the device.
  ///
  /// The corresponding C constant is `VFIO_AP_CFG_CHG_IRQ_INDEX`.
  @inlinable public static var apConfigurationChange: IRQIndex {
    IRQIndex(rawValue: UInt32(CVFIO_AP_CFG_CHG_IRQ_INDEX))
  }

  /// The number of PCI indexes.
  ///
  /// The corresponding C constant is `VFIO_PCI_NUM_IRQS`.
  @inlinable public static var pciCount: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_PCI_NUM_IRQS))
  }

  /// The number of CCW indexes.
  ///
  /// The corresponding C constant is `VFIO_CCW_NUM_IRQS`.
  @inlinable public static var ccwCount: IRQIndex {
    IRQIndex(rawValue: UInt32(VFIO_CCW_NUM_IRQS))
  }

  /// The number of AP indexes: the installed header's count, or the newest
  /// header's where the installed one has none (before Linux 6.x).
  ///
  /// The corresponding C constant is `VFIO_AP_NUM_IRQS`.
  @inlinable public static var apCount: IRQIndex {
    IRQIndex(rawValue: UInt32(CVFIO_AP_NUM_IRQS))
  }
}

extension IRQIndex: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<IRQIndex>] = [
    NamedConstant(.pciINTx, "pciINTx", "VFIO_PCI_INTX_IRQ_INDEX"),
    NamedConstant(.pciMSI, "pciMSI", "VFIO_PCI_MSI_IRQ_INDEX"),
    NamedConstant(.pciMSIX, "pciMSIX", "VFIO_PCI_MSIX_IRQ_INDEX"),
    NamedConstant(.pciError, "pciError", "VFIO_PCI_ERR_IRQ_INDEX"),
    NamedConstant(.pciRequest, "pciRequest", "VFIO_PCI_REQ_IRQ_INDEX"),
    NamedConstant(.ccwIO, "ccwIO", "VFIO_CCW_IO_IRQ_INDEX"),
    NamedConstant(.ccwCRW, "ccwCRW", "VFIO_CCW_CRW_IRQ_INDEX"),
    NamedConstant(.ccwRequest, "ccwRequest", "VFIO_CCW_REQ_IRQ_INDEX"),
    NamedConstant(.apRequest, "apRequest", "VFIO_AP_REQ_IRQ_INDEX"),
    NamedConstant(.apConfigurationChange, "apConfigurationChange", "VFIO_AP_CFG_CHG_IRQ_INDEX"),
  ]

  /// Counts and masks, checked against C but not used in descriptions.
  static let knownLimits: [NamedConstant<IRQIndex>] = [
    NamedConstant(.pciCount, "pciCount", "VFIO_PCI_NUM_IRQS"),
    NamedConstant(.ccwCount, "ccwCount", "VFIO_CCW_NUM_IRQS"),
    NamedConstant(.apCount, "apCount", "VFIO_AP_NUM_IRQS"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, IRQIndex.knownValues) }
}
