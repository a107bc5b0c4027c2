/*
 * The part of <linux/iommufd.h> a VFIO cdev user needs: the iommufd that a
 * device cdev binds to, its IO address spaces (IOAS), hardware page tables
 * (HWPT) with dirty tracking, hardware information and options.
 *
 * Debian 11's (5.10) and 12's (6.1) linux-libc-dev have no iommufd.h; the
 * header arrived in Linux 6.2, and later kernels added ioctls to it. Each block
 * below is guarded by the macro that ships with its definitions (never a
 * version number). Structs that grew after they first shipped
 * (iommu_hwpt_alloc, iommu_hw_info) cannot be redeclared, so the package
 * declares their newest layout under its own name (cvfio_...), which older
 * kernels accept (they check that the bytes they do not know are zero); flag
 * and type values, which C cannot test for, are the package's own CVFIO_
 * enumerators. Values and layouts are those of the newest UAPI header; the
 * tests compare them with it.
 */
#ifndef CVFIO_IOMMUFD_H
#define CVFIO_IOMMUFD_H

#include <linux/types.h>
#include <linux/ioctl.h>

#if defined(__has_include)
#if __has_include(<linux/iommufd.h>)
#include <linux/iommufd.h>
#endif
#endif

#ifndef IOMMUFD_TYPE
#define IOMMUFD_TYPE (';')

enum {
  IOMMUFD_CMD_BASE = 0x80,
  IOMMUFD_CMD_DESTROY = IOMMUFD_CMD_BASE,
  IOMMUFD_CMD_IOAS_ALLOC = 0x81,
  IOMMUFD_CMD_IOAS_ALLOW_IOVAS = 0x82,
  IOMMUFD_CMD_IOAS_COPY = 0x83,
  IOMMUFD_CMD_IOAS_IOVA_RANGES = 0x84,
  IOMMUFD_CMD_IOAS_MAP = 0x85,
  IOMMUFD_CMD_IOAS_UNMAP = 0x86,
  IOMMUFD_CMD_OPTION = 0x87,
  IOMMUFD_CMD_VFIO_IOAS = 0x88,
};

struct iommu_destroy {
  __u32 size;
  __u32 id;
};
#define IOMMU_DESTROY _IO(IOMMUFD_TYPE, IOMMUFD_CMD_DESTROY)

struct iommu_ioas_alloc {
  __u32 size;
  __u32 flags;
  __u32 out_ioas_id;
};
#define IOMMU_IOAS_ALLOC _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_ALLOC)

struct iommu_iova_range {
  __aligned_u64 start;
  __aligned_u64 last;
};

struct iommu_ioas_iova_ranges {
  __u32 size;
  __u32 ioas_id;
  __u32 num_iovas;
  __u32 __reserved;
  __aligned_u64 allowed_iovas;
  __aligned_u64 out_iova_alignment;
};
#define IOMMU_IOAS_IOVA_RANGES _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_IOVA_RANGES)

struct iommu_ioas_allow_iovas {
  __u32 size;
  __u32 ioas_id;
  __u32 num_iovas;
  __u32 __reserved;
  __aligned_u64 allowed_iovas;
};
#define IOMMU_IOAS_ALLOW_IOVAS _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_ALLOW_IOVAS)

enum iommufd_ioas_map_flags {
  IOMMU_IOAS_MAP_FIXED_IOVA = 1 << 0,
  IOMMU_IOAS_MAP_WRITEABLE = 1 << 1,
  IOMMU_IOAS_MAP_READABLE = 1 << 2,
};

struct iommu_ioas_map {
  __u32 size;
  __u32 flags;
  __u32 ioas_id;
  __u32 __reserved;
  __aligned_u64 user_va;
  __aligned_u64 length;
  __aligned_u64 iova;
};
#define IOMMU_IOAS_MAP _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_MAP)

struct iommu_ioas_copy {
  __u32 size;
  __u32 flags;
  __u32 dst_ioas_id;
  __u32 src_ioas_id;
  __aligned_u64 length;
  __aligned_u64 dst_iova;
  __aligned_u64 src_iova;
};
#define IOMMU_IOAS_COPY _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_COPY)

struct iommu_ioas_unmap {
  __u32 size;
  __u32 ioas_id;
  __aligned_u64 iova;
  __aligned_u64 length;
};
#define IOMMU_IOAS_UNMAP _IO(IOMMUFD_TYPE, IOMMUFD_CMD_IOAS_UNMAP)

enum iommufd_option {
  IOMMU_OPTION_RLIMIT_MODE = 0,
  IOMMU_OPTION_HUGE_PAGES = 1,
};

enum iommufd_option_ops {
  IOMMU_OPTION_OP_SET = 0,
  IOMMU_OPTION_OP_GET = 1,
};

struct iommu_option {
  __u32 size;
  __u32 option_id;
  __u16 op;
  __u16 __reserved;
  __u32 object_id;
  __aligned_u64 val64;
};
#define IOMMU_OPTION _IO(IOMMUFD_TYPE, IOMMUFD_CMD_OPTION)

struct iommu_vfio_ioas {
  __u32 size;
  __u32 ioas_id;
  __u16 op;
  __u16 __reserved;
};
#define IOMMU_VFIO_IOAS _IO(IOMMUFD_TYPE, IOMMUFD_CMD_VFIO_IOAS)
#endif /* IOMMUFD_TYPE */

/* Explicit hardware page tables (Linux 6.6); the argument is cvfio_iommu_hwpt_alloc below. */
#ifndef IOMMU_HWPT_ALLOC
#define IOMMU_HWPT_ALLOC _IO(IOMMUFD_TYPE, 0x89)
#endif

/* The IOMMU behind a device (Linux 6.6); the argument is cvfio_iommu_hw_info below. */
#ifndef IOMMU_GET_HW_INFO
struct iommu_hw_info_vtd {
  __u32 flags;
  __u32 __reserved;
  __aligned_u64 cap_reg;
  __aligned_u64 ecap_reg;
};
#define IOMMU_GET_HW_INFO _IO(IOMMUFD_TYPE, 0x8a)
#endif

/* IOMMU dirty tracking (Linux 6.7). */
#ifndef IOMMU_HWPT_SET_DIRTY_TRACKING
struct iommu_hwpt_set_dirty_tracking {
  __u32 size;
  __u32 flags;
  __u32 hwpt_id;
  __u32 __reserved;
};
#define IOMMU_HWPT_SET_DIRTY_TRACKING _IO(IOMMUFD_TYPE, 0x8b)
#endif

#ifndef IOMMU_HWPT_GET_DIRTY_BITMAP
struct iommu_hwpt_get_dirty_bitmap {
  __u32 size;
  __u32 hwpt_id;
  __u32 flags;
  __u32 __reserved;
  __aligned_u64 iova;
  __aligned_u64 length;
  __aligned_u64 page_size;
  __aligned_u64 data;
};
#define IOMMU_HWPT_GET_DIRTY_BITMAP _IO(IOMMUFD_TYPE, 0x8c)
#endif

/* Mapping a file (a memfd) by descriptor and offset (Linux 6.13). */
#ifndef IOMMU_IOAS_MAP_FILE
struct iommu_ioas_map_file {
  __u32 size;
  __u32 flags;
  __u32 ioas_id;
  __s32 fd;
  __aligned_u64 start;
  __aligned_u64 length;
  __aligned_u64 iova;
};
#define IOMMU_IOAS_MAP_FILE _IO(IOMMUFD_TYPE, 0x8f)
#endif

/*
 * Requests the package lists (vfio ioctls, VFIOIoctl) but does not wrap: nested
 * translation, vIOMMU and fault queues. Only the request numbers, each guarded by its own macro.
 */
#ifndef IOMMU_HWPT_INVALIDATE
#define IOMMU_HWPT_INVALIDATE _IO(IOMMUFD_TYPE, 0x8d)
#endif
#ifndef IOMMU_FAULT_QUEUE_ALLOC
#define IOMMU_FAULT_QUEUE_ALLOC _IO(IOMMUFD_TYPE, 0x8e)
#endif
#ifndef IOMMU_VIOMMU_ALLOC
#define IOMMU_VIOMMU_ALLOC _IO(IOMMUFD_TYPE, 0x90)
#endif
#ifndef IOMMU_VDEVICE_ALLOC
#define IOMMU_VDEVICE_ALLOC _IO(IOMMUFD_TYPE, 0x91)
#endif
#ifndef IOMMU_IOAS_CHANGE_PROCESS
#define IOMMU_IOAS_CHANGE_PROCESS _IO(IOMMUFD_TYPE, 0x92)
#endif
#ifndef IOMMU_VEVENTQ_ALLOC
#define IOMMU_VEVENTQ_ALLOC _IO(IOMMUFD_TYPE, 0x93)
#endif
#ifndef IOMMU_HW_QUEUE_ALLOC
#define IOMMU_HW_QUEUE_ALLOC _IO(IOMMUFD_TYPE, 0x94)
#endif

/* struct iommu_hwpt_alloc as the newest header has it (data since 6.7, fault_id since 6.11). */
struct cvfio_iommu_hwpt_alloc {
  __u32 size;
  __u32 flags;
  __u32 dev_id;
  __u32 pt_id;
  __u32 out_hwpt_id;
  __u32 __reserved;
  __u32 data_type;
  __u32 data_len;
  __aligned_u64 data_uptr;
  __u32 fault_id;
  __u32 __reserved2;
};

/*
 * struct iommu_hw_info as the newest header has it (out_capabilities since 6.7,
 * out_max_pasid_log2 later, in the first reserved byte); the newest header makes out_data_type a union with
 * in_data_type, at the same offset and size.
 */
struct cvfio_iommu_hw_info {
  __u32 size;
  __u32 flags;
  __u32 dev_id;
  __u32 data_len;
  __aligned_u64 data_uptr;
  __u32 out_data_type;
  __u8 out_max_pasid_log2;
  __u8 __reserved[3];
  __aligned_u64 out_capabilities;
};

/* Flag and type values of the newest header (enumerators, which the preprocessor cannot test). */
enum {
  CVFIO_IOMMU_HWPT_ALLOC_NEST_PARENT = 1 << 0,
  CVFIO_IOMMU_HWPT_ALLOC_DIRTY_TRACKING = 1 << 1,
  CVFIO_IOMMU_HWPT_FAULT_ID_VALID = 1 << 2,
  CVFIO_IOMMU_HWPT_ALLOC_PASID = 1 << 3,
  CVFIO_IOMMU_HWPT_DATA_NONE = 0,
  CVFIO_IOMMU_HW_INFO_TYPE_NONE = 0,
  CVFIO_IOMMU_HW_INFO_TYPE_INTEL_VTD = 1,
  CVFIO_IOMMU_HW_INFO_TYPE_ARM_SMMUV3 = 2,
  CVFIO_IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV = 3,
  CVFIO_IOMMU_HW_INFO_TYPE_AMD = 4,
  CVFIO_IOMMU_HW_CAP_DIRTY_TRACKING = 1 << 0,
  CVFIO_IOMMU_HW_CAP_PCI_PASID_EXEC = 1 << 1,
  CVFIO_IOMMU_HW_CAP_PCI_PASID_PRIV = 1 << 2,
  CVFIO_IOMMU_HW_CAP_PCI_ATS_NOT_SUPPORTED = 1 << 3,
  CVFIO_IOMMU_HWPT_DIRTY_TRACKING_ENABLE = 1,
  CVFIO_IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR = 1,
  CVFIO_IOMMU_OPTION_RLIMIT_MODE = 0,
  CVFIO_IOMMU_OPTION_HUGE_PAGES = 1,
  CVFIO_IOMMU_OPTION_OP_SET = 0,
  CVFIO_IOMMU_OPTION_OP_GET = 1,
};

#endif /* CVFIO_IOMMUFD_H */
