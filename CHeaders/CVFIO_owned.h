/*
 * Names the package owns, for definitions whose header names collide or move between
 * generations. Included after <linux/vfio.h> and before CVFIO_fallbacks.h, so every test of
 * a header macro below sees the header alone.
 *
 * - 5.10 defines VFIO_DEVICE_STATE_RUNNING and friends as the v1 bits; 5.18 renamed them
 *   VFIO_DEVICE_STATE_V1_* and gave the old names to the v2 enum vfio_device_mig_state. No
 *   definition can carry both meanings, so the Swift layer uses CVFIO_DEVICE_STATE_* for the v2
 *   states and CVFIO_DEVICE_STATE_V1_* for the v1 bits, on every header.
 * - 6.13 renamed VFIO_TYPE1_NESTING_IOMMU to __VFIO_RESERVED_TYPE1_NESTING_IOMMU.
 * - Enumerators cannot be tested by the preprocessor. Each enumerator-only addition is
 *   witnessed by a macro of the same or a later kernel: a header with the witness has the
 *   enumerator, and the value is the header's; a header without it gets the value the newest
 *   header gives (the tests compare every such value with each generation's C value).
 * - The newest header grows the iommufd bind, attach and detach structs. A struct cannot be
 *   redeclared, so the package declares the newest layout under its own name; older kernels
 *   accept it (they read up to the fields they know and check that the flags they do not
 *   know are clear).
 */
#ifndef CVFIO_OWNED_H
#define CVFIO_OWNED_H

#include <linux/types.h>

/* The v2 migration states (enum vfio_device_mig_state, Linux 5.18; PRE_COPY 6.2). */
#ifdef VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE
enum {
  CVFIO_DEVICE_STATE_ERROR = VFIO_DEVICE_STATE_ERROR,
  CVFIO_DEVICE_STATE_STOP = VFIO_DEVICE_STATE_STOP,
  CVFIO_DEVICE_STATE_RUNNING = VFIO_DEVICE_STATE_RUNNING,
  CVFIO_DEVICE_STATE_STOP_COPY = VFIO_DEVICE_STATE_STOP_COPY,
  CVFIO_DEVICE_STATE_RESUMING = VFIO_DEVICE_STATE_RESUMING,
  CVFIO_DEVICE_STATE_RUNNING_P2P = VFIO_DEVICE_STATE_RUNNING_P2P,
};
#else
enum {
  CVFIO_DEVICE_STATE_ERROR = 0,
  CVFIO_DEVICE_STATE_STOP = 1,
  CVFIO_DEVICE_STATE_RUNNING = 2,
  CVFIO_DEVICE_STATE_STOP_COPY = 3,
  CVFIO_DEVICE_STATE_RESUMING = 4,
  CVFIO_DEVICE_STATE_RUNNING_P2P = 5,
};
#endif
#ifdef VFIO_MIGRATION_PRE_COPY
enum {
  CVFIO_DEVICE_STATE_PRE_COPY = VFIO_DEVICE_STATE_PRE_COPY,
  CVFIO_DEVICE_STATE_PRE_COPY_P2P = VFIO_DEVICE_STATE_PRE_COPY_P2P,
};
#else
enum { CVFIO_DEVICE_STATE_PRE_COPY = 6, CVFIO_DEVICE_STATE_PRE_COPY_P2P = 7 };
#endif

/* The v1 device_state bits of the migration region (Linux 5.8), under either header name. */
#if defined(VFIO_DEVICE_STATE_V1_RUNNING)
enum {
  CVFIO_DEVICE_STATE_V1_STOP = VFIO_DEVICE_STATE_V1_STOP,
  CVFIO_DEVICE_STATE_V1_RUNNING = VFIO_DEVICE_STATE_V1_RUNNING,
  CVFIO_DEVICE_STATE_V1_SAVING = VFIO_DEVICE_STATE_V1_SAVING,
  CVFIO_DEVICE_STATE_V1_RESUMING = VFIO_DEVICE_STATE_V1_RESUMING,
};
#elif defined(VFIO_DEVICE_STATE_SAVING)
enum {
  CVFIO_DEVICE_STATE_V1_STOP = VFIO_DEVICE_STATE_STOP,
  CVFIO_DEVICE_STATE_V1_RUNNING = VFIO_DEVICE_STATE_RUNNING,
  CVFIO_DEVICE_STATE_V1_SAVING = VFIO_DEVICE_STATE_SAVING,
  CVFIO_DEVICE_STATE_V1_RESUMING = VFIO_DEVICE_STATE_RESUMING,
};
#else
enum {
  CVFIO_DEVICE_STATE_V1_STOP = 0,
  CVFIO_DEVICE_STATE_V1_RUNNING = 1 << 0,
  CVFIO_DEVICE_STATE_V1_SAVING = 1 << 1,
  CVFIO_DEVICE_STATE_V1_RESUMING = 1 << 2,
};
#endif
#ifdef VFIO_DEVICE_STATE_MASK
enum { CVFIO_DEVICE_STATE_MASK = VFIO_DEVICE_STATE_MASK };
#else
enum { CVFIO_DEVICE_STATE_MASK = (1 << 0) | (1 << 1) | (1 << 2) };
#endif

/* The two-stage IOMMU type, reserved since Linux 6.13 (the kernel refuses it). */
#if defined(VFIO_TYPE1_NESTING_IOMMU)
enum { CVFIO_TYPE1_NESTING_IOMMU = VFIO_TYPE1_NESTING_IOMMU };
#elif defined(__VFIO_RESERVED_TYPE1_NESTING_IOMMU)
enum { CVFIO_TYPE1_NESTING_IOMMU = __VFIO_RESERVED_TYPE1_NESTING_IOMMU };
#else
enum { CVFIO_TYPE1_NESTING_IOMMU = 6 };
#endif

/* The CCW request IRQ (Linux 5.11), witnessed by v2 migration (5.18). */
#ifdef VFIO_DEVICE_FEATURE_MIGRATION
enum { CVFIO_CCW_REQ_IRQ_INDEX = VFIO_CCW_REQ_IRQ_INDEX };
#else
enum { CVFIO_CCW_REQ_IRQ_INDEX = 2 };
#endif

/* The AP request IRQ and its count (Linux 6.x), witnessed by bus-master control (6.12). */
#ifdef VFIO_DEVICE_FEATURE_BUS_MASTER
enum { CVFIO_AP_REQ_IRQ_INDEX = VFIO_AP_REQ_IRQ_INDEX, CVFIO_AP_NUM_IRQS = VFIO_AP_NUM_IRQS };
#else
enum { CVFIO_AP_REQ_IRQ_INDEX = 0, CVFIO_AP_NUM_IRQS = 2 };
#endif

/* The AP configuration-change IRQ (Linux 6.17), witnessed by precopy info v2. */
#ifdef VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2
enum { CVFIO_AP_CFG_CHG_IRQ_INDEX = VFIO_AP_CFG_CHG_IRQ_INDEX };
#else
enum { CVFIO_AP_CFG_CHG_IRQ_INDEX = 1 };
#endif

/* struct vfio_device_bind_iommufd as the newest header has it (token_uuid_ptr). */
struct cvfio_device_bind_iommufd {
  __u32 argsz;
  __u32 flags;
  __s32 iommufd;
  __u32 out_devid;
  __aligned_u64 token_uuid_ptr;
};

/* struct vfio_device_attach_iommufd_pt as the newest header has it (pasid). */
struct cvfio_device_attach_iommufd_pt {
  __u32 argsz;
  __u32 flags;
  __u32 pt_id;
  __u32 pasid;
};

/* struct vfio_device_detach_iommufd_pt as the newest header has it (pasid). */
struct cvfio_device_detach_iommufd_pt {
  __u32 argsz;
  __u32 flags;
  __u32 pasid;
};

/*
 * The s390 zPCI capabilities of <linux/vfio_zdev.h> in their newest versions (Linux 5.12 added
 * fh, reserved and imaxstbl: version 2; Linux 7.3 ccdf_err_length: zpci_base version 3); each
 * older version is a prefix. The header has no macro to test, and the decoder must read every
 * version on every header.
 */
struct cvfio_device_info_cap_zpci_base {
  struct vfio_info_cap_header header;
  __u64 start_dma;
  __u64 end_dma;
  __u16 pchid;
  __u16 vfn;
  __u16 fmb_length;
  __u8 pft;
  __u8 gid;
  __u32 fh;
  __u32 ccdf_err_length;
};

struct cvfio_device_info_cap_zpci_group {
  struct vfio_info_cap_header header;
  __u64 dasm;
  __u64 msi_addr;
  __u64 flags;
  __u16 mui;
  __u16 noi;
  __u16 maxstbl;
  __u8 version;
  __u8 reserved;
  __u16 imaxstbl;
};

#endif /* CVFIO_OWNED_H */
