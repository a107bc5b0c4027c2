import CVFIO

/// A VFIO argument C struct (plain data, no references) whose `argsz` field gives the size of the whole
/// argument: the struct itself plus whatever payload follows it.
///
/// The payload starts at `MemoryLayout<Self>.size`, which equals the C
/// `offsetof(data)` of every flexible array member in `<linux/vfio.h>` and the
/// `cap_offset` the kernel reports for the first capability.
public protocol VariableLengthHeader {
  var argsz: UInt32 { get set }
}

extension vfio_device_info: VariableLengthHeader {}
extension vfio_region_info: VariableLengthHeader {}
extension vfio_iommu_type1_info: VariableLengthHeader {}
extension vfio_irq_set: VariableLengthHeader {}
extension vfio_iommu_type1_dma_unmap: VariableLengthHeader {}
extension vfio_iommu_type1_dirty_bitmap: VariableLengthHeader {}
extension vfio_device_feature: VariableLengthHeader {}
