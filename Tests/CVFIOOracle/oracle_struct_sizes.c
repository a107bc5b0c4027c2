#include <linux/vfio.h>
#include "CVFIO_owned.h"
#include "CVFIO_fallbacks.h"
#include "CVFIOOracle.h"

/*
 * sizeof of every struct the Swift wrappers in Sources/VFIO/Structs wrap: the
 * `argsz` of each fixed part. The header being compiled decides, so the 6.1
 * and the 6.12 sizes of vfio_device_info differ here as they do in the kernel.
 */
#define SIZE(name) {#name, sizeof(struct name)},

const struct cvfio_oracle_constant cvfio_oracle_struct_sizes[] = {
  SIZE(vfio_group_status)
  SIZE(vfio_device_info)
  SIZE(vfio_region_info)
  SIZE(vfio_irq_info)
  SIZE(vfio_irq_set)
  SIZE(vfio_iommu_type1_info)
  SIZE(vfio_iommu_type1_dma_map)
  SIZE(vfio_iommu_type1_dma_unmap)
  SIZE(vfio_iommu_type1_dirty_bitmap)
  SIZE(vfio_iommu_type1_dirty_bitmap_get)
  SIZE(vfio_device_feature)
  SIZE(vfio_device_feature_migration)
  SIZE(vfio_device_feature_mig_state)
  SIZE(vfio_device_low_power_entry_with_wakeup)
  SIZE(vfio_device_feature_dma_logging_control)
  SIZE(vfio_device_feature_dma_logging_range)
  SIZE(vfio_device_feature_dma_logging_report)
  SIZE(vfio_device_feature_mig_data_size)
  SIZE(vfio_device_feature_bus_master)
  SIZE(vfio_device_feature_zpci_err)
  SIZE(vfio_precopy_info)
  SIZE(cvfio_device_bind_iommufd)
  SIZE(cvfio_device_attach_iommufd_pt)
  SIZE(cvfio_device_detach_iommufd_pt)
  SIZE(vfio_pci_hot_reset_info)
  SIZE(vfio_pci_dependent_device)
  SIZE(vfio_pci_hot_reset)
  SIZE(vfio_device_gfx_plane_info)
  SIZE(vfio_device_ioeventfd)
  SIZE(vfio_iommu_spapr_tce_info)
  SIZE(vfio_iommu_spapr_tce_create)
  SIZE(vfio_iommu_spapr_tce_remove)
  SIZE(vfio_iommu_spapr_register_memory)
  SIZE(vfio_eeh_pe_op)
};

const size_t cvfio_oracle_struct_size_count =
    sizeof(cvfio_oracle_struct_sizes) / sizeof(cvfio_oracle_struct_sizes[0]);

struct cvfio_oracle_constant cvfio_oracle_struct_size_at(size_t index) {
  return cvfio_oracle_struct_sizes[index];
}
