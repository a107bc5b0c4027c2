// Each container request with the argument the kernel reads for it.
extension VFIORequest where Kind == ContainerIoctl, Argument == Void {
  /// `VFIO_GET_API_VERSION`.
  @inlinable public static var getAPIVersion: Self { .init(.getAPIVersion) }
  /// `VFIO_IOMMU_ENABLE` (sPAPR).
  @inlinable public static var iommuEnable: Self { .init(.iommuEnable) }
  /// `VFIO_IOMMU_DISABLE` (sPAPR).
  @inlinable public static var iommuDisable: Self { .init(.iommuDisable) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == VFIOExtension {
  /// `VFIO_CHECK_EXTENSION`: an IOMMU type or a capability.
  @inlinable public static var checkExtension: Self { .init(.checkExtension) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == IOMMUType {
  /// `VFIO_SET_IOMMU`: an IOMMU type, never a capability.
  @inlinable public static var setIOMMU: Self { .init(.setIOMMU) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == IOMMUType1Info {
  /// `VFIO_IOMMU_GET_INFO`.
  @inlinable public static var iommuGetInfo: Self { .init(.iommuGetInfo) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == DMAMap {
  /// `VFIO_IOMMU_MAP_DMA`.
  @inlinable public static var iommuMapDMA: Self { .init(.iommuMapDMA) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == DMAUnmap {
  /// `VFIO_IOMMU_UNMAP_DMA`.
  @inlinable public static var iommuUnmapDMA: Self { .init(.iommuUnmapDMA) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == DirtyPagesHeader {
  /// `VFIO_IOMMU_DIRTY_PAGES`.
  @inlinable public static var iommuDirtyPages: Self { .init(.iommuDirtyPages) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == SPAPRTCEInfo {
  /// `VFIO_IOMMU_SPAPR_TCE_GET_INFO`.
  @inlinable public static var spaprTCEGetInfo: Self { .init(.spaprTCEGetInfo) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == EEHPEOperation {
  /// `VFIO_EEH_PE_OP`.
  @inlinable public static var eehPEOp: Self { .init(.eehPEOp) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == SPAPRRegisterMemory {
  /// `VFIO_IOMMU_SPAPR_REGISTER_MEMORY`.
  @inlinable public static var spaprRegisterMemory: Self { .init(.spaprRegisterMemory) }
  /// `VFIO_IOMMU_SPAPR_UNREGISTER_MEMORY`.
  @inlinable public static var spaprUnregisterMemory: Self { .init(.spaprUnregisterMemory) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == SPAPRTCECreate {
  /// `VFIO_IOMMU_SPAPR_TCE_CREATE`.
  @inlinable public static var spaprTCECreate: Self { .init(.spaprTCECreate) }
}

extension VFIORequest where Kind == ContainerIoctl, Argument == SPAPRTCERemove {
  /// `VFIO_IOMMU_SPAPR_TCE_REMOVE`.
  @inlinable public static var spaprTCERemove: Self { .init(.spaprTCERemove) }
}
