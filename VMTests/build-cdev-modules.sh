#!/usr/bin/env bash
# Builds the modules of the VFIO cdev + iommufd path for kernel KVER from
# linux-source-6.12 against the matching linux-headers package: Debian leaves
# CONFIG_IOMMUFD and CONFIG_VFIO_DEVICE_CDEV off. iommufd.ko carries
# iova_bitmap.c and the span iterator of lib/interval_tree.c, which Debian's
# kernel lacks; every module that uses struct vfio_device (whose layout these
# options change) is rebuilt with them. Prints the directory holding the .ko files.
#
#   VMTests/build-cdev-modules.sh KVER OUTDIR
set -euo pipefail
kver=$1 out=$2
mkdir -p "$out"
out=$(realpath "$out")
if [ ! -f "$out/ko/vfio-pci.ko" ]; then
  src=$out/src build=$out/build
  rm -rf "$src" "$build"
  mkdir -p "$src" "$build"/{vfio/pci,vfio/mdev,iommufd} "$out/ko"
  tarball=$(ls /usr/src/linux-source-6.12*.tar.xz | sort -V | tail -n 1)
  tar -xJf "$tarball" -C "$src" --strip-components=1 --wildcards \
    '*/drivers/vfio/*' '*/drivers/iommu/iommufd/*' '*/drivers/iommu/iommu-priv.h' '*/lib/interval_tree.c'
  cp "$src"/drivers/vfio/{vfio_main.c,group.c,container.c,virqfd.c,iommufd.c,device_cdev.c,vfio.h,vfio_iommu_type1.c} "$build/vfio/"
  cp "$src"/drivers/vfio/pci/*.[ch] "$build/vfio/pci/"
  cp "$src"/drivers/vfio/mdev/*.[ch] "$build/vfio/mdev/"
  cp "$src"/drivers/iommu/iommufd/*.[ch] "$build/iommufd/"
  rm "$build/iommufd/selftest.c"
  cp "$src/drivers/iommu/iommu-priv.h" "$build/"
  { echo '#include <linux/interval_tree.h>'; echo '#include <linux/export.h>'
    sed -n '/^#ifdef CONFIG_INTERVAL_TREE_SPAN_ITER/,$p' "$src/lib/interval_tree.c"; } > "$build/iommufd/span.c"
  cat > "$build/Kbuild" <<'KBUILD'
subdir-ccflags-y := -DCONFIG_IOMMUFD=1 -DCONFIG_IOMMUFD_DRIVER=1 -DCONFIG_VFIO_DEVICE_CDEV=1 -DCONFIG_INTERVAL_TREE_SPAN_ITER=1
obj-m += iommufd/ vfio/
KBUILD
  cat > "$build/iommufd/Kbuild" <<'KBUILD'
iommufd-y := device.o fault.o hw_pagetable.o io_pagetable.o ioas.o main.o pages.o vfio_compat.o iova_bitmap.o span.o
obj-m += iommufd.o
KBUILD
  # The objects Debian's configuration selects, plus the iommufd and cdev ones.
  cat > "$build/vfio/Kbuild" <<'KBUILD'
vfio-y := vfio_main.o group.o container.o virqfd.o iommufd.o device_cdev.o
obj-m += vfio.o vfio_iommu_type1.o pci/ mdev/
KBUILD
  cat > "$build/vfio/pci/Kbuild" <<'KBUILD'
vfio-pci-core-y := vfio_pci_core.o vfio_pci_intrs.o vfio_pci_rdwr.o vfio_pci_config.o
vfio-pci-y := vfio_pci.o vfio_pci_igd.o
obj-m += vfio-pci-core.o vfio-pci.o
KBUILD
  cat > "$build/vfio/mdev/Kbuild" <<'KBUILD'
mdev-y := mdev_core.o mdev_sysfs.o mdev_driver.o
obj-m += mdev.o
KBUILD
  make -s -j"$(nproc)" -C "/lib/modules/$kver/build" M="$build" modules >&2
  find "$build" -name '*.ko' -exec cp {} "$out/ko/" \;
fi
echo "$out/ko"
