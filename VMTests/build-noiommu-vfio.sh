#!/usr/bin/env bash
# Builds vfio.ko for kernel KVER with CONFIG_VFIO_NOIOMMU, which Debian leaves
# off, from linux-source-6.12 against the matching linux-headers package.
# Only vfio.ko changes (group.c, container.c and vfio.h test the option); its
# exported symbols keep their CRCs, so Debian's other vfio modules load on it.
# Prints the directory holding vfio.ko.
#
#   VMTests/build-noiommu-vfio.sh KVER OUTDIR
set -euo pipefail
kver=$1 out=$2
mkdir -p "$out"
if [ ! -f "$out/ko/vfio.ko" ]; then
  tarball=$(ls /usr/src/linux-source-6.12*.tar.xz | sort -V | tail -n 1)
  tar -xJf "$tarball" -C "$out" --strip-components=3 --wildcards \
    '*/drivers/vfio/vfio_main.c' '*/drivers/vfio/group.c' '*/drivers/vfio/container.c' \
    '*/drivers/vfio/virqfd.c' '*/drivers/vfio/vfio.h'
  # The objects Debian's configuration selects (CONFIG_VFIO_GROUP, _CONTAINER, _VIRQFD).
  cat > "$out/Makefile" <<'MAKE'
obj-m := vfio.o
vfio-y := vfio_main.o group.o container.o virqfd.o
ccflags-y := -DCONFIG_VFIO_NOIOMMU=1
MAKE
  make -s -C "/lib/modules/$kver/build" M="$(realpath "$out")" modules >&2
  mkdir -p "$out/ko"
  cp "$out/vfio.ko" "$out/ko/"
fi
realpath "$out/ko"
