/*
 * Writes the seed corpus: info buffers shaped like the ones real kernels
 * return, laid out with the C compiler's sizeof/offsetof so no offset is typed
 * by hand. Each file starts with the selector byte ChainFuzzer.swift reads
 * (0 device, 1 region, 2 IOMMU type1).
 *
 *   make-seeds OUTPUT_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/vfio.h>
#include <linux/vfio_zdev.h>
#include "../CHeaders/CVFIO_fallbacks.h"

static unsigned char buf[4096];
static size_t used, last;

static void start(size_t fixed) {
  memset(buf, 0, sizeof buf);
  used = fixed;
  last = 0;
}

/* vfio_info_cap_add: append, optionally 8-byte aligned, link the previous next. */
static void *add(size_t size, unsigned id, unsigned version, int align) {
  size_t offset = used;
  struct vfio_info_cap_header *header = (void *)(buf + offset);
  if (align) size = (size + 7) & ~(size_t)7;
  header->id = id;
  header->version = version;
  if (last) ((struct vfio_info_cap_header *)(buf + last))->next = offset;
  last = offset;
  used += size;
  return header;
}

static void write_seed(const char *dir, const char *name, unsigned char selector) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *file = fopen(path, "wb");
  if (!file) { perror(path); exit(1); }
  fputc(selector, file);
  fwrite(buf, 1, used, file);
  fclose(file);
}

#define FINISH(type, flag)                                  \
  do {                                                      \
    type *info = (type *)buf;                               \
    info->argsz = used;                                     \
    info->flags |= flag;                                    \
    info->cap_offset = sizeof(type);                        \
  } while (0)

static void iommu(const char *dir, const char *name, int align) {
  start(sizeof(struct vfio_iommu_type1_info));
  struct vfio_iommu_type1_info_cap_iova_range *iova =
      add(sizeof(*iova) + 2 * sizeof(struct vfio_iova_range), VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE, 1, align);
  iova->nr_iovas = 2;
  iova->iova_ranges[0].end = 0xfedfffff;
  iova->iova_ranges[1].start = 0xfef00000;
  iova->iova_ranges[1].end = 0xffffffffffffULL;
  struct vfio_iommu_type1_info_cap_migration *migration =
      add(sizeof(*migration), VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION, 1, align);
  migration->pgsize_bitmap = 0x1000;
  migration->max_dirty_bitmap_size = 256 << 20;
  struct vfio_iommu_type1_info_dma_avail *avail =
      add(sizeof(*avail), VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL, 1, align);
  avail->avail = 65535;
  ((struct vfio_iommu_type1_info *)buf)->iova_pgsizes = 0x40201000;
  FINISH(struct vfio_iommu_type1_info, VFIO_IOMMU_INFO_CAPS | VFIO_IOMMU_INFO_PGSIZES);
  write_seed(dir, name, 2);
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: make-seeds DIR\n"); return 2; }
  const char *dir = argv[1];

  iommu(dir, "iommu-6.1-packed", 0);
  iommu(dir, "iommu-6.12-aligned", 1);

  /* e1000e BAR3: one MSIX_MAPPABLE capability (argsz 40). */
  start(sizeof(struct vfio_region_info));
  add(sizeof(struct vfio_info_cap_header), VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, 1);
  FINISH(struct vfio_region_info, VFIO_REGION_INFO_FLAG_CAPS | VFIO_REGION_INFO_FLAG_MMAP);
  write_seed(dir, "region-msix-mappable", 1);

  /* A BAR with the MSI-X table carved out: sparse mmap areas, MSI-X mappable, then a type. */
  start(sizeof(struct vfio_region_info));
  struct vfio_region_info_cap_sparse_mmap *sparse =
      add(sizeof(*sparse) + 2 * sizeof(struct vfio_region_sparse_mmap_area), VFIO_REGION_INFO_CAP_SPARSE_MMAP, 1, 1);
  sparse->nr_areas = 2;
  sparse->areas[0].size = 0x3000;
  sparse->areas[1].offset = 0x4000;
  sparse->areas[1].size = 0xc000;
  add(sizeof(struct vfio_info_cap_header), VFIO_REGION_INFO_CAP_MSIX_MAPPABLE, 1, 1);
  struct vfio_region_info_cap_type *type = add(sizeof(*type), VFIO_REGION_INFO_CAP_TYPE, 1, 1);
  type->type = VFIO_REGION_TYPE_GFX;
  type->subtype = VFIO_REGION_SUBTYPE_GFX_EDID;
  FINISH(struct vfio_region_info, VFIO_REGION_INFO_FLAG_CAPS);
  write_seed(dir, "region-sparse-type", 1);

  /* NVLink2 GPU RAM region (POWER9). */
  start(sizeof(struct vfio_region_info));
  struct vfio_region_info_cap_nvlink2_ssatgt *ssatgt = add(sizeof(*ssatgt), VFIO_REGION_INFO_CAP_NVLINK2_SSATGT, 1, 0);
  ssatgt->tgt = 0x2000000000000ULL;
  struct vfio_region_info_cap_nvlink2_lnkspd *speed = add(sizeof(*speed), VFIO_REGION_INFO_CAP_NVLINK2_LNKSPD, 1, 0);
  speed->link_speed = 9;
  FINISH(struct vfio_region_info, VFIO_REGION_INFO_FLAG_CAPS);
  write_seed(dir, "region-nvlink2", 1);

  /* s390 zPCI device, then PCIe atomics. */
  start(sizeof(struct vfio_device_info));
  struct vfio_device_info_cap_zpci_base *base = add(sizeof(*base), VFIO_DEVICE_INFO_CAP_ZPCI_BASE, 2, 1);
  base->end_dma = 0xffffffff;
  base->pchid = 0x1f;
  base->fh = 0x80000001;
  struct vfio_device_info_cap_zpci_group *group = add(sizeof(*group), VFIO_DEVICE_INFO_CAP_ZPCI_GROUP, 2, 1);
  group->noi = 2048;
  group->imaxstbl = 0x1000;
  struct vfio_device_info_cap_zpci_util *util = add(sizeof(*util) + 8, VFIO_DEVICE_INFO_CAP_ZPCI_UTIL, 1, 1);
  util->size = 8;
  memset(util->util_str, 0xe4, 8);
  struct vfio_device_info_cap_zpci_pfip *pfip = add(sizeof(*pfip) + 3, VFIO_DEVICE_INFO_CAP_ZPCI_PFIP, 1, 1);
  pfip->size = 3;
  struct vfio_device_info_cap_pci_atomic_comp *atomic = add(sizeof(*atomic), VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP, 1, 1);
  atomic->flags = VFIO_PCI_ATOMIC_COMP32 | VFIO_PCI_ATOMIC_COMP64;
  FINISH(struct vfio_device_info, VFIO_DEVICE_FLAGS_CAPS | VFIO_DEVICE_FLAGS_PCI);
  write_seed(dir, "device-zpci-atomic", 0);
  return 0;
}
