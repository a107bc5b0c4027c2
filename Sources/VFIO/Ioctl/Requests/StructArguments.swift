import SystemPackage

// The wrappers the kernel reads as ioctl arguments; their `argsz` is set on every typed call.
extension DeviceInfo: VFIOIoctlArgument {}
extension RegionInfo: VFIOIoctlArgument {}
extension IRQInfo: VFIOIoctlArgument {}
extension IRQSetHeader: VFIOIoctlArgument {}
extension PCIHotResetInfo: VFIOIoctlArgument {}
extension PCIHotReset: VFIOIoctlArgument {}
extension GFXPlaneInfo: VFIOIoctlArgument {}
extension IOEventFD: VFIOIoctlArgument {}
extension DeviceFeatureHeader: VFIOIoctlArgument {}
extension BindIOMMUFD: VFIOIoctlArgument {}
extension AttachIOMMUFDPageTable: VFIOIoctlArgument {}
extension DetachIOMMUFDPageTable: VFIOIoctlArgument {}
extension GroupStatus: VFIOIoctlArgument {}
extension IOMMUType1Info: VFIOIoctlArgument {}
extension DMAMap: VFIOIoctlArgument {}
extension DMAUnmap: VFIOIoctlArgument {}
extension DirtyPagesHeader: VFIOIoctlArgument {}
extension SPAPRTCEInfo: VFIOIoctlArgument {}
extension EEHPEOperation: VFIOIoctlArgument {}
extension SPAPRRegisterMemory: VFIOIoctlArgument {}
extension SPAPRTCECreate: VFIOIoctlArgument {}
extension SPAPRTCERemove: VFIOIoctlArgument {}
extension PrecopyInfo: VFIOIoctlArgument {}
