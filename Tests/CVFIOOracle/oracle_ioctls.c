#include <linux/vfio.h>
#include "CVFIO_fallbacks.h"
#include "CVFIOOracle.h"

/*
 * Request numbers of the 6.12 header. Like CVFIO, the oracle adds the package's
 * fallbacks after the header, so an older header gets the same names; on the
 * 6.12 header the fallbacks are inert and every value is the header's own.
 */
#define ENTRY(name) {#name, (unsigned long long)(name)},

const struct cvfio_oracle_constant cvfio_oracle_ioctls[] = {
  ENTRY(VFIO_GET_API_VERSION)
  ENTRY(VFIO_CHECK_EXTENSION)
  ENTRY(VFIO_SET_IOMMU)
  ENTRY(VFIO_GROUP_GET_STATUS)
  ENTRY(VFIO_GROUP_SET_CONTAINER)
  ENTRY(VFIO_GROUP_UNSET_CONTAINER)
  ENTRY(VFIO_GROUP_GET_DEVICE_FD)
  ENTRY(VFIO_DEVICE_GET_INFO)
  ENTRY(VFIO_DEVICE_GET_REGION_INFO)
  ENTRY(VFIO_DEVICE_GET_IRQ_INFO)
  ENTRY(VFIO_DEVICE_SET_IRQS)
  ENTRY(VFIO_DEVICE_RESET)
  ENTRY(VFIO_DEVICE_GET_PCI_HOT_RESET_INFO)
  ENTRY(VFIO_DEVICE_PCI_HOT_RESET)
  ENTRY(VFIO_DEVICE_QUERY_GFX_PLANE)
  ENTRY(VFIO_DEVICE_GET_GFX_DMABUF)
  ENTRY(VFIO_DEVICE_IOEVENTFD)
  ENTRY(VFIO_DEVICE_FEATURE)
  ENTRY(VFIO_DEVICE_BIND_IOMMUFD)
  ENTRY(VFIO_DEVICE_ATTACH_IOMMUFD_PT)
  ENTRY(VFIO_DEVICE_DETACH_IOMMUFD_PT)
  ENTRY(VFIO_MIG_GET_PRECOPY_INFO)
  ENTRY(VFIO_IOMMU_GET_INFO)
  ENTRY(VFIO_IOMMU_MAP_DMA)
  ENTRY(VFIO_IOMMU_UNMAP_DMA)
  ENTRY(VFIO_IOMMU_ENABLE)
  ENTRY(VFIO_IOMMU_DISABLE)
  ENTRY(VFIO_IOMMU_DIRTY_PAGES)
  ENTRY(VFIO_IOMMU_SPAPR_TCE_GET_INFO)
  ENTRY(VFIO_EEH_PE_OP)
  ENTRY(VFIO_IOMMU_SPAPR_REGISTER_MEMORY)
  ENTRY(VFIO_IOMMU_SPAPR_UNREGISTER_MEMORY)
  ENTRY(VFIO_IOMMU_SPAPR_TCE_CREATE)
  ENTRY(VFIO_IOMMU_SPAPR_TCE_REMOVE)
};

const size_t cvfio_oracle_ioctl_count =
    sizeof(cvfio_oracle_ioctls) / sizeof(cvfio_oracle_ioctls[0]);

struct cvfio_oracle_constant cvfio_oracle_ioctl_at(size_t index) {
  return cvfio_oracle_ioctls[index];
}
