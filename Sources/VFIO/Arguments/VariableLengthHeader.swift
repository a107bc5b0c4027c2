import CVFIO

/// A VFIO argument C struct (plain data, no references) whose `argsz` field gives
/// the size of the whole argument: the struct itself plus whatever payload follows it.
///
/// The payload starts at `MemoryLayout<Self>.size`, which equals the C
/// `offsetof(data)` of every flexible array member in `<linux/vfio.h>` and the
/// `cap_offset` the kernel reports for the first capability.
public protocol VariableLengthHeader {
  /// `argsz`: the size of the whole argument in bytes, set by the caller and, when the kernel
  /// needs more room, raised by the kernel.
  var argsz: UInt32 { get set }
}

extension vfio_device_info: VariableLengthHeader {}
extension vfio_region_info: VariableLengthHeader {}
extension vfio_iommu_type1_info: VariableLengthHeader {}
extension vfio_irq_set: VariableLengthHeader {}
extension vfio_iommu_type1_dma_unmap: VariableLengthHeader {}
extension vfio_iommu_type1_dirty_bitmap: VariableLengthHeader {}
extension vfio_device_feature: VariableLengthHeader {}
extension vfio_pci_hot_reset_info: VariableLengthHeader {}
extension vfio_pci_hot_reset: VariableLengthHeader {}
// Fixed-size arguments: their `argsz` is the struct's own size.
extension vfio_group_status: VariableLengthHeader {}
extension vfio_irq_info: VariableLengthHeader {}
extension vfio_iommu_type1_dma_map: VariableLengthHeader {}
extension vfio_device_gfx_plane_info: VariableLengthHeader {}
extension vfio_device_ioeventfd: VariableLengthHeader {}
extension vfio_eeh_pe_op: VariableLengthHeader {}
extension vfio_iommu_spapr_register_memory: VariableLengthHeader {}
extension vfio_iommu_spapr_tce_create: VariableLengthHeader {}
extension vfio_iommu_spapr_tce_info: VariableLengthHeader {}
extension vfio_iommu_spapr_tce_remove: VariableLengthHeader {}
extension vfio_precopy_info: VariableLengthHeader {}
extension cvfio_device_bind_iommufd: VariableLengthHeader {}
extension cvfio_device_attach_iommufd_pt: VariableLengthHeader {}
extension cvfio_device_detach_iommufd_pt: VariableLengthHeader {}
