/*
 * Definitions that newer kernels ship in <linux/vfio.h> and older headers lack.
 *
 * Each block is guarded by a macro that arrives in the same kernel change as the
 * definitions it guards, never by a version number: distributions backport
 * UAPI changes, and the macro is the only reliable witness. Values and layouts
 * are those of the newest header; the tests compare them with every Debian
 * generation's (5.10, 6.1, 6.12, newest) through the committed baselines.
 * Names that collide or move between generations are in CVFIO_owned.h.
 */
#ifndef CVFIO_FALLBACKS_H
#define CVFIO_FALLBACKS_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* v1 migration region names as Linux 5.18 renamed them (the 5.8 names are the same values). */
#ifndef VFIO_REGION_TYPE_MIGRATION_DEPRECATED
#define VFIO_REGION_TYPE_MIGRATION_DEPRECATED (3)
#endif
#ifndef VFIO_REGION_SUBTYPE_MIGRATION_DEPRECATED
#define VFIO_REGION_SUBTYPE_MIGRATION_DEPRECATED (1)
#endif

/* Type1 vaddr update and unmap-all (Linux 5.12). */
#ifndef VFIO_UPDATE_VADDR
#define VFIO_UPDATE_VADDR 10
#endif
#ifndef VFIO_UNMAP_ALL
#define VFIO_UNMAP_ALL 9
#endif
#ifndef VFIO_DMA_MAP_FLAG_VADDR
#define VFIO_DMA_MAP_FLAG_VADDR (1 << 2)
#endif
#ifndef VFIO_DMA_UNMAP_FLAG_ALL
#define VFIO_DMA_UNMAP_FLAG_ALL (1 << 1)
#endif
#ifndef VFIO_DMA_UNMAP_FLAG_VADDR
#define VFIO_DMA_UNMAP_FLAG_VADDR (1 << 2)
#endif

/* v2 migration through VFIO_DEVICE_FEATURE (Linux 5.18); the states are in CVFIO_owned.h. */
#ifndef VFIO_DEVICE_FEATURE_MIGRATION
struct vfio_device_feature_migration {
  __aligned_u64 flags;
#define VFIO_MIGRATION_STOP_COPY (1 << 0)
#define VFIO_MIGRATION_P2P (1 << 1)
};
#define VFIO_DEVICE_FEATURE_MIGRATION 1
#endif

#ifndef VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE
struct vfio_device_feature_mig_state {
  __u32 device_state;
  __s32 data_fd;
};
#define VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE 2
#endif

/* Runtime low power (Linux 6.0). */
#ifndef VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY
#define VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY 3
#endif
#ifndef VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP
struct vfio_device_low_power_entry_with_wakeup {
  __s32 wakeup_eventfd;
  __u32 reserved;
};
#define VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP 4
#endif
#ifndef VFIO_DEVICE_FEATURE_LOW_POWER_EXIT
#define VFIO_DEVICE_FEATURE_LOW_POWER_EXIT 5
#endif

/* Device DMA logging (Linux 6.1). */
#ifndef VFIO_DEVICE_FEATURE_DMA_LOGGING_START
struct vfio_device_feature_dma_logging_control {
  __aligned_u64 page_size;
  __u32 num_ranges;
  __u32 __reserved;
  __aligned_u64 ranges;
};
struct vfio_device_feature_dma_logging_range {
  __aligned_u64 iova;
  __aligned_u64 length;
};
#define VFIO_DEVICE_FEATURE_DMA_LOGGING_START 6
#define VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP 7
#endif
#ifndef VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT
struct vfio_device_feature_dma_logging_report {
  __aligned_u64 iova;
  __aligned_u64 length;
  __aligned_u64 page_size;
  __aligned_u64 bitmap;
};
#define VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT 8
#endif

/* v2 migration PRE_COPY (Linux 6.2): the flag (the two states are in CVFIO_owned.h). */
#ifndef VFIO_MIGRATION_PRE_COPY
#define VFIO_MIGRATION_PRE_COPY (1 << 2)
#endif

#ifndef VFIO_MIG_GET_PRECOPY_INFO
struct vfio_precopy_info {
  __u32 argsz;
  __u32 flags;
  __aligned_u64 initial_bytes;
  __aligned_u64 dirty_bytes;
};
#define VFIO_MIG_GET_PRECOPY_INFO _IO(VFIO_TYPE, VFIO_BASE + 21)
#endif

/* Stop-copy data size estimate (Linux 6.2). */
#ifndef VFIO_DEVICE_FEATURE_MIG_DATA_SIZE
struct vfio_device_feature_mig_data_size {
  __aligned_u64 stop_copy_length;
};
#define VFIO_DEVICE_FEATURE_MIG_DATA_SIZE 9
#endif

/*
 * Device cdev bound to an iommufd (Linux 6.6), in the newest layout (the token and PASID fields
 * came later). The struct in effect then has those fields, which CVFIO_layout.h must know: it
 * lists a field under the witness the header probe recorded, so the fallback records it too.
 */
#ifndef VFIO_DEVICE_BIND_IOMMUFD
struct vfio_device_bind_iommufd {
  __u32 argsz;
  __u32 flags;
  __s32 iommufd;
  __u32 out_devid;
  __aligned_u64 token_uuid_ptr;
};
#define VFIO_DEVICE_BIND_IOMMUFD _IO(VFIO_TYPE, VFIO_BASE + 18)
#define CVFIO_HEADER_HAS_VFIO_DEVICE_BIND_FLAG_TOKEN 1
#endif

#ifndef VFIO_DEVICE_ATTACH_IOMMUFD_PT
struct vfio_device_attach_iommufd_pt {
  __u32 argsz;
  __u32 flags;
  __u32 pt_id;
  __u32 pasid;
};
#define VFIO_DEVICE_ATTACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 19)
#define CVFIO_HEADER_HAS_VFIO_DEVICE_ATTACH_PASID 1
#endif

#ifndef VFIO_DEVICE_DETACH_IOMMUFD_PT
struct vfio_device_detach_iommufd_pt {
  __u32 argsz;
  __u32 flags;
  __u32 pasid;
};
#define VFIO_DEVICE_DETACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 20)
#define CVFIO_HEADER_HAS_VFIO_DEVICE_DETACH_PASID 1
#endif

/* Hot reset by device id, for cdev users (Linux 6.6). */
#ifndef VFIO_PCI_HOT_RESET_FLAG_DEV_ID
#define VFIO_PCI_DEVID_OWNED 0
#define VFIO_PCI_DEVID_NOT_OWNED -1
#define VFIO_PCI_HOT_RESET_FLAG_DEV_ID (1 << 0)
#define VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED (1 << 1)
#endif

/* vfio-cdx devices (Linux 6.5). */
#ifndef VFIO_DEVICE_FLAGS_CDX
#define VFIO_DEVICE_FLAGS_CDX (1 << 8)
#endif

/* PCIe AtomicOp completer capability of device info (Linux 6.5). */
#ifndef VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP
#define VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP 5
struct vfio_device_info_cap_pci_atomic_comp {
  struct vfio_info_cap_header header;
  __u32 flags;
#define VFIO_PCI_ATOMIC_COMP32 (1 << 0)
#define VFIO_PCI_ATOMIC_COMP64 (1 << 1)
#define VFIO_PCI_ATOMIC_COMP128 (1 << 2)
  __u32 reserved;
};
#endif

/* Bus master control feature (Linux 6.12). */
#ifndef VFIO_DEVICE_FEATURE_BUS_MASTER
struct vfio_device_feature_bus_master {
  __u32 op;
#define VFIO_DEVICE_FEATURE_CLEAR_MASTER 0
#define VFIO_DEVICE_FEATURE_SET_MASTER 1
};
#define VFIO_DEVICE_FEATURE_BUS_MASTER 10
#endif

/*
 * Additions of the newest headers (Linux 6.13 to 7.x). The fields the newest header adds to
 * the iommufd bind, attach and detach structs are in the package's own structs (CVFIO_owned.h);
 * their flags are here.
 */
#ifndef VFIO_DEVICE_BIND_FLAG_TOKEN
#define VFIO_DEVICE_BIND_FLAG_TOKEN (1 << 0)
#endif
#ifndef VFIO_DEVICE_ATTACH_PASID
#define VFIO_DEVICE_ATTACH_PASID (1 << 0)
#endif
#ifndef VFIO_DEVICE_DETACH_PASID
#define VFIO_DEVICE_DETACH_PASID (1 << 0)
#endif

#ifndef VFIO_PRECOPY_INFO_REINIT
#define VFIO_PRECOPY_INFO_REINIT (1 << 0)
#endif

/* A dma-buf of a device region's ranges, for P2P DMA. */
#ifndef VFIO_DEVICE_FEATURE_DMA_BUF
#define VFIO_DEVICE_FEATURE_DMA_BUF 11
struct vfio_region_dma_range {
  __u64 offset;
  __u64 length;
};
struct vfio_device_feature_dma_buf {
  __u32 region_index;
  __u32 open_flags;
  __u32 flags;
  __u32 nr_ranges;
  struct vfio_region_dma_range dma_ranges[];
};
#endif

/* Opt-in to vfio_precopy_info.flags as an output (VFIO_PRECOPY_INFO_REINIT). */
#ifndef VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2
#define VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2 12
#endif

/* s390 PCI error information (Linux 7.3): the kernel fills a buffer of the zPCI base capability's
 * ccdf_err_length bytes at data. */
#ifndef VFIO_DEVICE_FEATURE_ZPCI_ERROR
struct vfio_device_feature_zpci_err {
  __aligned_u64 data;
};
#define VFIO_DEVICE_FEATURE_ZPCI_ERROR 13
#endif

#endif /* CVFIO_FALLBACKS_H */
