/// The ioctls issued on a device, whether it came from a group or a cdev.
public enum DeviceIoctl: VFIOIoctlSet {
  case getInfo
  case getRegionInfo
  case getIRQInfo
  case setIRQs
  case reset
  case getPCIHotResetInfo
  case pciHotReset
  case queryGFXPlane
  case getGFXDMABuf
  case ioeventfd
  case feature
  case bindIOMMUFD
  case attachIOMMUFDPT
  case detachIOMMUFDPT

  public static var fileKind: VFIOFileKind { .device }

  @inlinable
  public var offset: UInt8 {
    switch self {
    case .getInfo: 7
    case .getRegionInfo: 8
    case .getIRQInfo: 9
    case .setIRQs: 10
    case .reset: 11
    case .getPCIHotResetInfo: 12
    case .pciHotReset: 13
    case .queryGFXPlane: 14
    case .getGFXDMABuf: 15
    case .ioeventfd: 16
    case .feature: 17
    case .bindIOMMUFD: 18
    case .attachIOMMUFDPT: 19
    case .detachIOMMUFDPT: 20
    }
  }

  public var name: String {
    switch self {
    case .getInfo: "VFIO_DEVICE_GET_INFO"
    case .getRegionInfo: "VFIO_DEVICE_GET_REGION_INFO"
    case .getIRQInfo: "VFIO_DEVICE_GET_IRQ_INFO"
    case .setIRQs: "VFIO_DEVICE_SET_IRQS"
    case .reset: "VFIO_DEVICE_RESET"
    case .getPCIHotResetInfo: "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO"
    case .pciHotReset: "VFIO_DEVICE_PCI_HOT_RESET"
    case .queryGFXPlane: "VFIO_DEVICE_QUERY_GFX_PLANE"
    case .getGFXDMABuf: "VFIO_DEVICE_GET_GFX_DMABUF"
    case .ioeventfd: "VFIO_DEVICE_IOEVENTFD"
    case .feature: "VFIO_DEVICE_FEATURE"
    case .bindIOMMUFD: "VFIO_DEVICE_BIND_IOMMUFD"
    case .attachIOMMUFDPT: "VFIO_DEVICE_ATTACH_IOMMUFD_PT"
    case .detachIOMMUFDPT: "VFIO_DEVICE_DETACH_IOMMUFD_PT"
    }
  }
}
