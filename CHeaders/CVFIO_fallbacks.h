/*
 * Definitions that newer kernels ship in <linux/vfio.h> and older headers lack.
 *
 * Each block is guarded by a macro that arrives in the same kernel change as the
 * definitions it guards, never by a version number: distributions backport
 * UAPI changes, and the macro is the only reliable witness. Values and layouts
 * are those of the 6.12 UAPI header; the tests compare them with the real
 * header when the package is built against it.
 */
#ifndef CVFIO_FALLBACKS_H
#define CVFIO_FALLBACKS_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* v2 migration PRE_COPY (Linux 6.2): the flag, the two states, PRECOPY_INFO. */
#ifndef VFIO_MIGRATION_PRE_COPY
#define VFIO_MIGRATION_PRE_COPY (1 << 2)
/*
 * The states are enumerators of enum vfio_device_mig_state in newer headers.
 * C cannot add enumerators to an existing enum; constants of the enum's type
 * import into Swift with the same name and type.
 */
static const enum vfio_device_mig_state VFIO_DEVICE_STATE_PRE_COPY =
    (enum vfio_device_mig_state)6;
static const enum vfio_device_mig_state VFIO_DEVICE_STATE_PRE_COPY_P2P =
    (enum vfio_device_mig_state)7;
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

/* Device cdev bound to an iommufd (Linux 6.6). */
#ifndef VFIO_DEVICE_BIND_IOMMUFD
struct vfio_device_bind_iommufd {
  __u32 argsz;
  __u32 flags;
  __s32 iommufd;
  __u32 out_devid;
};
#define VFIO_DEVICE_BIND_IOMMUFD _IO(VFIO_TYPE, VFIO_BASE + 18)
#endif

#ifndef VFIO_DEVICE_ATTACH_IOMMUFD_PT
struct vfio_device_attach_iommufd_pt {
  __u32 argsz;
  __u32 flags;
  __u32 pt_id;
};
#define VFIO_DEVICE_ATTACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 19)
#endif

#ifndef VFIO_DEVICE_DETACH_IOMMUFD_PT
struct vfio_device_detach_iommufd_pt {
  __u32 argsz;
  __u32 flags;
};
#define VFIO_DEVICE_DETACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 20)
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

#endif /* CVFIO_FALLBACKS_H */
