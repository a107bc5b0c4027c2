/// The ioctls issued on a container (`/dev/vfio/vfio`) and, once an IOMMU
/// type is set, on its IOMMU.
///
/// Type1 and SPAPR IOMMUs reuse numbers (`VFIO_BASE + 12` and `+ 17`): which
/// one the kernel runs depends on the IOMMU type set on the container.
public enum ContainerIoctl: VFIOIoctlSet {
  case getAPIVersion
  case checkExtension
  case setIOMMU
  case iommuGetInfo
  case iommuMapDMA
  case iommuUnmapDMA
  case iommuEnable
  case iommuDisable
  case iommuDirtyPages
  case spaprTCEGetInfo
  case eehPEOp
  case spaprRegisterMemory
  case spaprUnregisterMemory
  case spaprTCECreate
  case spaprTCERemove

  public static var fileKind: VFIOFileKind { .container }

  @inlinable
  public var offset: UInt8 {
    switch self {
    case .getAPIVersion: 0
    case .checkExtension: 1
    case .setIOMMU: 2
    case .iommuGetInfo, .spaprTCEGetInfo: 12
    case .iommuMapDMA: 13
    case .iommuUnmapDMA: 14
    case .iommuEnable: 15
    case .iommuDisable: 16
    case .iommuDirtyPages, .spaprRegisterMemory: 17
    case .spaprUnregisterMemory: 18
    case .spaprTCECreate: 19
    case .spaprTCERemove: 20
    case .eehPEOp: 21
    }
  }

  public var name: String {
    switch self {
    case .getAPIVersion: "VFIO_GET_API_VERSION"
    case .checkExtension: "VFIO_CHECK_EXTENSION"
    case .setIOMMU: "VFIO_SET_IOMMU"
    case .iommuGetInfo: "VFIO_IOMMU_GET_INFO"
    case .iommuMapDMA: "VFIO_IOMMU_MAP_DMA"
    case .iommuUnmapDMA: "VFIO_IOMMU_UNMAP_DMA"
    case .iommuEnable: "VFIO_IOMMU_ENABLE"
    case .iommuDisable: "VFIO_IOMMU_DISABLE"
    case .iommuDirtyPages: "VFIO_IOMMU_DIRTY_PAGES"
    case .spaprTCEGetInfo: "VFIO_IOMMU_SPAPR_TCE_GET_INFO"
    case .eehPEOp: "VFIO_EEH_PE_OP"
    case .spaprRegisterMemory: "VFIO_IOMMU_SPAPR_REGISTER_MEMORY"
    case .spaprUnregisterMemory: "VFIO_IOMMU_SPAPR_UNREGISTER_MEMORY"
    case .spaprTCECreate: "VFIO_IOMMU_SPAPR_TCE_CREATE"
    case .spaprTCERemove: "VFIO_IOMMU_SPAPR_TCE_REMOVE"
    }
  }
}
