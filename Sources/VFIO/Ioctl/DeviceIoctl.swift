/// The ioctls issued on a device, whether it came from a group or a cdev.
public enum DeviceIoctl: VFIOIoctlSet {
  /// `VFIO_DEVICE_GET_INFO` (`VFIO_BASE + 7`): flags, region and IRQ counts (`struct vfio_device_info`),
  /// with a capability chain.
  case getInfo
  /// `VFIO_DEVICE_GET_REGION_INFO` (`+ 8`): a region's size, offset and flags (`struct vfio_region_info`),
  /// with a capability chain.
  case getRegionInfo
  /// `VFIO_DEVICE_GET_IRQ_INFO` (`+ 9`): an IRQ index's vector count and flags (`struct vfio_irq_info`).
  case getIRQInfo
  /// `VFIO_DEVICE_SET_IRQS` (`+ 10`): triggers, masks or binds eventfds to vectors (`struct vfio_irq_set`).
  case setIRQs
  /// `VFIO_DEVICE_RESET` (`+ 11`): resets the device when its info has `VFIO_DEVICE_FLAGS_RESET`.
  case reset
  /// `VFIO_DEVICE_GET_PCI_HOT_RESET_INFO` (`+ 12`): the devices a bus reset would also reset
  /// (`struct vfio_pci_hot_reset_info`).
  case getPCIHotResetInfo
  /// `VFIO_DEVICE_PCI_HOT_RESET` (`+ 13`): resets the bus, given proof of owning every affected
  /// group or device (`struct vfio_pci_hot_reset`).
  case pciHotReset
  /// `VFIO_DEVICE_QUERY_GFX_PLANE` (`+ 14`): a mediated GPU's plane (`struct vfio_device_gfx_plane_info`).
  case queryGFXPlane
  /// `VFIO_DEVICE_GET_GFX_DMABUF` (`+ 15`): a dma-buf of a plane, by plane id.
  case getGFXDMABuf
  /// `VFIO_DEVICE_IOEVENTFD` (`+ 16`): makes an eventfd write a value at a device offset
  /// (`struct vfio_device_ioeventfd`).
  case ioeventfd
  /// `VFIO_DEVICE_FEATURE` (`+ 17`): probes, gets or sets a device feature such as migration
  /// (`struct vfio_device_feature`); the same number as a container's `VFIO_IOMMU_DIRTY_PAGES`.
  case feature
  /// `VFIO_DEVICE_BIND_IOMMUFD` (`+ 18`, Linux 6.6): binds a device cdev to an iommufd
  /// (`struct vfio_device_bind_iommufd`).
  case bindIOMMUFD
  /// `VFIO_DEVICE_ATTACH_IOMMUFD_PT` (`+ 19`, Linux 6.6): attaches a bound cdev to an IOAS or
  /// hardware page table (`struct vfio_device_attach_iommufd_pt`).
  case attachIOMMUFDPT
  /// `VFIO_DEVICE_DETACH_IOMMUFD_PT` (`+ 20`, Linux 6.6) (`struct vfio_device_detach_iommufd_pt`).
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
