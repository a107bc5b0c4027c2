/// The ioctls issued on a container (`/dev/vfio/vfio`) and, once an IOMMU
/// type is set, on its IOMMU.
///
/// Type1 and SPAPR IOMMUs reuse numbers (`VFIO_BASE + 12` and `+ 17`): which
/// one the kernel runs depends on the IOMMU type set on the container.
public enum ContainerIoctl: VFIOIoctlSet {
  /// `VFIO_GET_API_VERSION` (`VFIO_BASE + 0`): the API version, `VFIO_API_VERSION` (0) on every kernel.
  case getAPIVersion
  /// `VFIO_CHECK_EXTENSION` (`+ 1`): whether the container supports an IOMMU type or extension;
  /// returns 0 or a positive value, never an error for an unknown one.
  case checkExtension
  /// `VFIO_SET_IOMMU` (`+ 2`): sets the IOMMU type once a group is attached; the argument is
  /// the type number itself, not a pointer.
  case setIOMMU
  /// `VFIO_IOMMU_GET_INFO` (`+ 12`, type1): `struct vfio_iommu_type1_info` with its capability chain.
  case iommuGetInfo
  /// `VFIO_IOMMU_MAP_DMA` (`+ 13`, type1): maps process memory at an IOVA (`struct vfio_iommu_type1_dma_map`).
  case iommuMapDMA
  /// `VFIO_IOMMU_UNMAP_DMA` (`+ 14`, type1): unmaps an IOVA range, optionally reading its dirty
  /// bitmap (`struct vfio_iommu_type1_dma_unmap`).
  case iommuUnmapDMA
  /// `VFIO_IOMMU_ENABLE` (`+ 15`, SPAPR TCE v1): enables DMA through the container's default window.
  case iommuEnable
  /// `VFIO_IOMMU_DISABLE` (`+ 16`, SPAPR TCE v1): the inverse of ``iommuEnable``.
  case iommuDisable
  /// `VFIO_IOMMU_DIRTY_PAGES` (`+ 17`, type1): starts, stops or reads dirty-page tracking
  /// (`struct vfio_iommu_type1_dirty_bitmap`); the same number as ``spaprRegisterMemory``.
  case iommuDirtyPages
  /// `VFIO_IOMMU_SPAPR_TCE_GET_INFO` (`+ 12`, SPAPR): the DMA window (`struct vfio_iommu_spapr_tce_info`).
  case spaprTCEGetInfo
  /// `VFIO_EEH_PE_OP` (`+ 21`, SPAPR): an EEH operation on the partitionable endpoint (`struct vfio_eeh_pe_op`).
  case eehPEOp
  /// `VFIO_IOMMU_SPAPR_REGISTER_MEMORY` (`+ 17`, SPAPR TCE v2): pins memory for later mappings
  /// (`struct vfio_iommu_spapr_register_memory`).
  case spaprRegisterMemory
  /// `VFIO_IOMMU_SPAPR_UNREGISTER_MEMORY` (`+ 18`, SPAPR TCE v2).
  case spaprUnregisterMemory
  /// `VFIO_IOMMU_SPAPR_TCE_CREATE` (`+ 19`, SPAPR TCE v2): creates a DMA window (`struct vfio_iommu_spapr_tce_create`).
  case spaprTCECreate
  /// `VFIO_IOMMU_SPAPR_TCE_REMOVE` (`+ 20`, SPAPR TCE v2): removes a DMA window (`struct vfio_iommu_spapr_tce_remove`).
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
