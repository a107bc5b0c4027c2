#!/usr/bin/env bash
# Builds the kernel's mtty sample driver (samples/vfio-mdev/mtty.c, a virtual
# serial device with v2 migration) for kernel KVER from linux-source-6.12,
# against the matching linux-headers package. Prints the path of mtty.ko.
#
#   VMTests/build-mtty.sh KVER OUTDIR
#
# Debian builds the vfio-mdev samples out; module signatures are not enforced,
# so the module loads (tainting the kernel).
set -euo pipefail
kver=$1 out=$2
mkdir -p "$out"
if [ ! -f "$out/mtty.ko" ]; then
  tarball=$(ls /usr/src/linux-source-6.12*.tar.xz | sort -V | tail -n 1)
  tar -xJf "$tarball" -C "$out" --strip-components=3 --wildcards '*/samples/vfio-mdev/mtty.c'
  echo 'obj-m := mtty.o' > "$out/Makefile"
  make -s -C "/lib/modules/$kver/build" M="$(realpath "$out")" modules >&2
fi
realpath "$out/mtty.ko"
