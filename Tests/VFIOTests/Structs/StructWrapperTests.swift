import CVFIO
import SystemPackage
import Testing
import VFIO

/// Every wrapper of Sources/VFIO/Structs: a random C struct is wrapped and
/// unwrapped unchanged, each typed accessor reads its C field, and the typed
/// initializer rebuilds the input fields from the accessors' values.
let wrapperCases: [WrapperCase] = [
  WrapperCase(GroupStatus.self, "vfio_group_status", argsz: GroupStatus().argsz) {
    let c = randomC(vfio_group_status.self)
    expectLossless(GroupStatus.self, c)
    #expect(GroupStatus(rawValue: c).flags.rawValue == c.flags)
  },
  WrapperCase(DeviceInfo.self, "vfio_device_info", argsz: DeviceInfo().argsz) {
    let c = randomC(vfio_device_info.self)
    expectLossless(DeviceInfo.self, c)
    let w = DeviceInfo(rawValue: c)
    #expect(w.flags.rawValue == c.flags)
    #expect(w.regionCount == Int(c.num_regions))
    #expect(w.irqCount == Int(c.num_irqs))
    #expect(w.capabilityOffset == Int(c.cap_offset))
  },
  WrapperCase(RegionInfo.self, "vfio_region_info", argsz: RegionInfo(index: .pciConfig).argsz) {
    let c = randomC(vfio_region_info.self)
    expectLossless(RegionInfo.self, c)
    let w = RegionInfo(rawValue: c)
    #expect(w.index.rawValue == c.index)
    #expect(w.flags.rawValue == c.flags)
    #expect(w.capabilityOffset == Int(c.cap_offset))
    #expect(w.size == c.size)
    #expect(w.offset == c.offset)
    #expect(RegionInfo(index: w.index).rawValue.index == c.index)
  },
  WrapperCase(IRQInfo.self, "vfio_irq_info", argsz: IRQInfo(index: .pciMSIX).argsz) {
    let c = randomC(vfio_irq_info.self)
    expectLossless(IRQInfo.self, c)
    let w = IRQInfo(rawValue: c)
    #expect(w.index.rawValue == c.index)
    #expect(w.flags.rawValue == c.flags)
    #expect(w.count == Int(c.count))
    #expect(IRQInfo(index: w.index).rawValue.index == c.index)
  },
  WrapperCase(
    IRQSetHeader.self, "vfio_irq_set",
    argsz: IRQSetHeader(flags: [], index: .pciINTx, start: 0, count: 0).argsz
  ) {
    let c = randomC(vfio_irq_set.self)
    expectLossless(IRQSetHeader.self, c)
    let w = IRQSetHeader(rawValue: c)
    let r = IRQSetHeader(flags: w.flags, index: w.index, start: w.start, count: w.count).rawValue
    #expect(r.flags == c.flags && r.index == c.index && r.start == c.start && r.count == c.count)
  },
  WrapperCase(IOMMUType1Info.self, "vfio_iommu_type1_info", argsz: IOMMUType1Info().argsz) {
    let c = randomC(vfio_iommu_type1_info.self)
    expectLossless(IOMMUType1Info.self, c)
    let w = IOMMUType1Info(rawValue: c)
    #expect(w.flags.rawValue == c.flags)
    #expect(w.pageSizes == c.iova_pgsizes)
    #expect(w.capabilityOffset == Int(c.cap_offset))
  },
  WrapperCase(
    DMAMap.self, "vfio_iommu_type1_dma_map", argsz: DMAMap(flags: [], vaddr: 0, iova: 0, size: 0).argsz
  ) {
    let c = randomC(vfio_iommu_type1_dma_map.self)
    expectLossless(DMAMap.self, c)
    let w = DMAMap(rawValue: c)
    let r = DMAMap(flags: w.flags, vaddr: w.vaddr, iova: w.iova, size: w.size).rawValue
    #expect(r.flags == c.flags && r.vaddr == c.vaddr && r.iova == c.iova && r.size == c.size)
  },
  WrapperCase(DMAUnmap.self, "vfio_iommu_type1_dma_unmap", argsz: DMAUnmap(flags: [], iova: 0, size: 0).argsz) {
    let c = randomC(vfio_iommu_type1_dma_unmap.self)
    expectLossless(DMAUnmap.self, c)
    let w = DMAUnmap(rawValue: c)
    let r = DMAUnmap(flags: w.flags, iova: w.iova, size: w.size).rawValue
    #expect(r.flags == c.flags && r.iova == c.iova && r.size == c.size)
  },
  WrapperCase(DirtyPagesHeader.self, "vfio_iommu_type1_dirty_bitmap", argsz: DirtyPagesHeader(flags: .start).argsz) {
    let c = randomC(vfio_iommu_type1_dirty_bitmap.self)
    expectLossless(DirtyPagesHeader.self, c)
    #expect(DirtyPagesHeader(flags: DirtyPagesHeader(rawValue: c).flags).rawValue.flags == c.flags)
  },
  WrapperCase(DirtyBitmapRequest.self, "vfio_iommu_type1_dirty_bitmap_get") {
    let c = randomC(vfio_iommu_type1_dirty_bitmap_get.self)
    expectLossless(DirtyBitmapRequest.self, c)
    let w = DirtyBitmapRequest(rawValue: c)
    let r = DirtyBitmapRequest(
      iova: w.iova, size: w.size, pageSize: w.pageSize, bitmapSize: w.bitmapSize, bitmap: w.bitmap
    ).rawValue
    #expect(r.iova == c.iova && r.size == c.size)
    #expect(r.bitmap.pgsize == c.bitmap.pgsize && r.bitmap.size == c.bitmap.size && r.bitmap.data == c.bitmap.data)
  },
  WrapperCase(
    DeviceFeatureHeader.self, "vfio_device_feature", argsz: DeviceFeatureHeader(feature: .migration, flags: .get).argsz
  ) {
    let c = randomC(vfio_device_feature.self)
    expectLossless(DeviceFeatureHeader.self, c)
    let w = DeviceFeatureHeader(rawValue: c)
    let mask = DeviceFeatureFlags.featureMask.rawValue
    #expect(w.feature.rawValue == c.flags & mask)
    #expect(w.flags.rawValue == c.flags & ~mask)
    #expect(DeviceFeatureHeader(feature: w.feature, flags: w.flags).rawValue.flags == c.flags)
  },
  WrapperCase(MigrationFeature.self, "vfio_device_feature_migration") {
    let c = randomC(vfio_device_feature_migration.self)
    expectLossless(MigrationFeature.self, c)
    #expect(MigrationFeature(rawValue: c).flags.rawValue == c.flags)
  },
  WrapperCase(MigrationStateFeature.self, "vfio_device_feature_mig_state") {
    let c = randomC(vfio_device_feature_mig_state.self)
    expectLossless(MigrationStateFeature.self, c)
    let w = MigrationStateFeature(rawValue: c)
    #expect(w.deviceState.rawValue == c.device_state)
    #expect(w.dataFD.rawValue == c.data_fd)
    #expect(MigrationStateFeature(deviceState: w.deviceState).rawValue.device_state == c.device_state)
  },
  WrapperCase(LowPowerEntryWithWakeup.self, "vfio_device_low_power_entry_with_wakeup") {
    let c = randomC(vfio_device_low_power_entry_with_wakeup.self)
    expectLossless(LowPowerEntryWithWakeup.self, c)
    let w = LowPowerEntryWithWakeup(rawValue: c)
    #expect(LowPowerEntryWithWakeup(wakeupEventFD: w.wakeupEventFD).rawValue.wakeup_eventfd == c.wakeup_eventfd)
  },
  WrapperCase(DMALoggingControl.self, "vfio_device_feature_dma_logging_control") {
    let c = randomC(vfio_device_feature_dma_logging_control.self)
    expectLossless(DMALoggingControl.self, c)
    let w = DMALoggingControl(rawValue: c)
    let r = DMALoggingControl(pageSize: w.pageSize, rangeCount: w.rangeCount, ranges: w.ranges).rawValue
    #expect(r.page_size == c.page_size && r.num_ranges == c.num_ranges && r.ranges == c.ranges)
  },
  WrapperCase(DMALoggingRange.self, "vfio_device_feature_dma_logging_range") {
    let c = randomC(vfio_device_feature_dma_logging_range.self)
    expectLossless(DMALoggingRange.self, c)
    let w = DMALoggingRange(rawValue: c)
    let r = DMALoggingRange(iova: w.iova, length: w.length).rawValue
    #expect(r.iova == c.iova && r.length == c.length)
  },
  WrapperCase(DMALoggingReport.self, "vfio_device_feature_dma_logging_report") {
    let c = randomC(vfio_device_feature_dma_logging_report.self)
    expectLossless(DMALoggingReport.self, c)
    let w = DMALoggingReport(rawValue: c)
    let r = DMALoggingReport(iova: w.iova, length: w.length, pageSize: w.pageSize, bitmap: w.bitmap).rawValue
    #expect(r.iova == c.iova && r.length == c.length && r.page_size == c.page_size && r.bitmap == c.bitmap)
  },
  WrapperCase(MigrationDataSize.self, "vfio_device_feature_mig_data_size") {
    let c = randomC(vfio_device_feature_mig_data_size.self)
    expectLossless(MigrationDataSize.self, c)
    #expect(MigrationDataSize(rawValue: c).stopCopyLength == c.stop_copy_length)
  },
  WrapperCase(BusMasterFeature.self, "vfio_device_feature_bus_master") {
    let c = randomC(vfio_device_feature_bus_master.self)
    expectLossless(BusMasterFeature.self, c)
    let w = BusMasterFeature(rawValue: c)
    #expect(BusMasterFeature(operation: w.operation).rawValue.op == c.op)
  },
  WrapperCase(ZPCIErrorFeature.self, "vfio_device_feature_zpci_err") {
    let c = randomC(vfio_device_feature_zpci_err.self)
    expectLossless(ZPCIErrorFeature.self, c)
    let w = ZPCIErrorFeature(rawValue: c)
    #expect(w.buffer == c.data && ZPCIErrorFeature(buffer: w.buffer).rawValue.data == c.data)
  },
  WrapperCase(PrecopyInfo.self, "vfio_precopy_info", argsz: PrecopyInfo().argsz) {
    let c = randomC(vfio_precopy_info.self)
    expectLossless(PrecopyInfo.self, c)
    let w = PrecopyInfo(rawValue: c)
    #expect(w.flags.rawValue == c.flags && w.initialBytes == c.initial_bytes && w.dirtyBytes == c.dirty_bytes)
  },
  WrapperCase(
    BindIOMMUFD.self, "cvfio_device_bind_iommufd", argsz: BindIOMMUFD(iommufd: FileDescriptor(rawValue: 3)).argsz
  ) {
    let c = randomC(cvfio_device_bind_iommufd.self)
    expectLossless(BindIOMMUFD.self, c)
    let w = BindIOMMUFD(rawValue: c)
    #expect(w.deviceID.rawValue == c.out_devid)
    #expect(BindIOMMUFD(iommufd: w.iommufd).rawValue.iommufd == c.iommufd)
  },
  WrapperCase(
    AttachIOMMUFDPageTable.self, "cvfio_device_attach_iommufd_pt",
    argsz: AttachIOMMUFDPageTable(pageTableID: 1).argsz
  ) {
    let c = randomC(cvfio_device_attach_iommufd_pt.self)
    expectLossless(AttachIOMMUFDPageTable.self, c)
    let w = AttachIOMMUFDPageTable(rawValue: c)
    #expect(AttachIOMMUFDPageTable(pageTableID: w.pageTableID).rawValue.pt_id == c.pt_id)
  },
  WrapperCase(DetachIOMMUFDPageTable.self, "cvfio_device_detach_iommufd_pt", argsz: DetachIOMMUFDPageTable().argsz) {
    expectLossless(DetachIOMMUFDPageTable.self, randomC(cvfio_device_detach_iommufd_pt.self))
  },
  WrapperCase(PCIHotResetInfo.self, "vfio_pci_hot_reset_info", argsz: PCIHotResetInfo().argsz) {
    let c = randomC(vfio_pci_hot_reset_info.self)
    expectLossless(PCIHotResetInfo.self, c)
    let w = PCIHotResetInfo(rawValue: c)
    #expect(w.flags.rawValue == c.flags && w.count == Int(c.count))
  },
  WrapperCase(PCIDependentDevice.self, "vfio_pci_dependent_device") {
    let c = randomC(vfio_pci_dependent_device.self)
    expectLossless(PCIDependentDevice.self, c)
    let w = PCIDependentDevice(rawValue: c)
    // The first 4 bytes are group_id or, on 6.12, devid: both accessors read them.
    let idBytes = bytes(of: c).prefix(4)
    #expect(bytes(of: w.groupID)[...] == idBytes && bytes(of: w.deviceID.rawValue)[...] == idBytes)
    #expect(w.segment == c.segment && w.bus == c.bus && w.devfn == c.devfn)
    #expect(w.device << 3 | w.function == c.devfn)
  },
  WrapperCase(PCIHotReset.self, "vfio_pci_hot_reset", argsz: PCIHotReset(count: 0).argsz) {
    let c = randomC(vfio_pci_hot_reset.self)
    expectLossless(PCIHotReset.self, c)
    #expect(PCIHotReset(count: PCIHotReset(rawValue: c).count).rawValue.count == c.count)
  },
  WrapperCase(
    GFXPlaneInfo.self, "vfio_device_gfx_plane_info", argsz: GFXPlaneInfo(flags: .probe, drmPlaneType: 0).argsz
  ) {
    let c = randomC(vfio_device_gfx_plane_info.self)
    expectLossless(GFXPlaneInfo.self, c)
    let w = GFXPlaneInfo(rawValue: c)
    #expect(w.drmFormat == c.drm_format && w.drmFormatModifier == c.drm_format_mod)
    #expect(w.width == c.width && w.height == c.height && w.stride == c.stride && w.size == c.size)
    #expect(w.xPosition == c.x_pos && w.yPosition == c.y_pos && w.xHotspot == c.x_hot && w.yHotspot == c.y_hot)
    #expect(w.regionIndex.rawValue == c.region_index && w.dmabufID == c.dmabuf_id)
    let r = GFXPlaneInfo(flags: w.flags, drmPlaneType: w.drmPlaneType).rawValue
    #expect(r.flags == c.flags && r.drm_plane_type == c.drm_plane_type)
  },
  WrapperCase(
    IOEventFD.self, "vfio_device_ioeventfd",
    argsz: IOEventFD(flags: .size32, offset: 0, data: 0, fd: FileDescriptor(rawValue: -1)).argsz
  ) {
    let c = randomC(vfio_device_ioeventfd.self)
    expectLossless(IOEventFD.self, c)
    let w = IOEventFD(rawValue: c)
    let r = IOEventFD(flags: w.flags, offset: w.offset, data: w.data, fd: w.fd).rawValue
    #expect(r.flags == c.flags && r.offset == c.offset && r.data == c.data && r.fd == c.fd)
  },
  WrapperCase(SPAPRTCEInfo.self, "vfio_iommu_spapr_tce_info", argsz: SPAPRTCEInfo().argsz) {
    let c = randomC(vfio_iommu_spapr_tce_info.self)
    expectLossless(SPAPRTCEInfo.self, c)
    let w = SPAPRTCEInfo(rawValue: c)
    #expect(w.flags.rawValue == c.flags)
    #expect(w.dma32WindowStart == c.dma32_window_start && w.dma32WindowSize == c.dma32_window_size)
    #expect(w.ddwPageSizes == c.ddw.pgsizes && w.ddwLevels == Int(c.ddw.levels))
    #expect(w.maxDynamicWindows == Int(c.ddw.max_dynamic_windows_supported))
  },
  WrapperCase(
    SPAPRTCECreate.self, "vfio_iommu_spapr_tce_create",
    argsz: SPAPRTCECreate(pageShift: 12, windowSize: 0, levels: 1).argsz
  ) {
    let c = randomC(vfio_iommu_spapr_tce_create.self)
    expectLossless(SPAPRTCECreate.self, c)
    let w = SPAPRTCECreate(rawValue: c)
    #expect(w.startAddress == c.start_addr)
    let r = SPAPRTCECreate(pageShift: w.pageShift, windowSize: w.windowSize, levels: w.levels).rawValue
    #expect(r.page_shift == c.page_shift && r.window_size == c.window_size && r.levels == c.levels)
  },
  WrapperCase(SPAPRTCERemove.self, "vfio_iommu_spapr_tce_remove", argsz: SPAPRTCERemove(startAddress: 0).argsz) {
    let c = randomC(vfio_iommu_spapr_tce_remove.self)
    expectLossless(SPAPRTCERemove.self, c)
    #expect(SPAPRTCERemove(startAddress: SPAPRTCERemove(rawValue: c).startAddress).rawValue.start_addr == c.start_addr)
  },
  WrapperCase(
    SPAPRRegisterMemory.self, "vfio_iommu_spapr_register_memory", argsz: SPAPRRegisterMemory(vaddr: 0, size: 0).argsz
  ) {
    let c = randomC(vfio_iommu_spapr_register_memory.self)
    expectLossless(SPAPRRegisterMemory.self, c)
    let w = SPAPRRegisterMemory(rawValue: c)
    let r = SPAPRRegisterMemory(vaddr: w.vaddr, size: w.size).rawValue
    #expect(r.vaddr == c.vaddr && r.size == c.size)
  },
  WrapperCase(EEHPEOperation.self, "vfio_eeh_pe_op", argsz: EEHPEOperation(operation: .getState).argsz) {
    let c = randomC(vfio_eeh_pe_op.self)
    // 4 padding bytes align `err`; a copy need not keep them, so compare the fields.
    let u = EEHPEOperation(rawValue: c).rawValue
    #expect(u.argsz == c.argsz && u.flags == c.flags && u.op == c.op)
    #expect(u.err.type == c.err.type && u.err.func == c.err.func)
    #expect(u.err.addr == c.err.addr && u.err.mask == c.err.mask)
    #expect(EEHPEOperation(operation: EEHPEOperation(rawValue: c).operation).rawValue.op == c.op)
  },
]

@Suite("Struct wrappers against the C structs")
struct StructWrapperTests {
  @Test("Each wrapper converts to its C struct and back, and its accessors read and write the C fields",
    arguments: wrapperCases)
  func roundTrips(_ wrapper: WrapperCase) {
    // Random bytes differ per run; a few rounds make a lucky pass unlikely.
    for _ in 0..<8 { wrapper.check() }
  }

  @Test("Each wrapper has C's sizeof, and its argsz is that size", arguments: wrapperCases)
  func sizeIsC(_ wrapper: WrapperCase) throws {
    let c = try #require(oracleStructSizes[wrapper.cName], "no oracle size for \(wrapper.cName)")
    #expect(wrapper.size == c)
    if let argsz = wrapper.argsz { #expect(Int(argsz) == c) }
  }

  @Test("Every struct the size oracle lists has a wrapper")
  func everyOracleStructIsWrapped() {
    let wrapped = Set(wrapperCases.map(\.cName))
    #expect(wrapped.count == wrapperCases.count)
    #expect(Set(oracleStructSizes.keys) == wrapped)
    let withArgsz = wrapperCases.filter { $0.argsz != nil }.count
    print("checked \(wrapperCases.count) struct wrappers against C: round trips, accessors, sizeof;"
      + " \(withArgsz) argsz values equal C's sizeof")
  }
}
