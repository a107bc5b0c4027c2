#!/usr/bin/env bash
# Installs a kernel UAPI vfio.h the way the kernel's headers_install.sh would
# (strips __user and friends, drops the _UAPI guard prefix) into
# .build-uapi/<generation>/include/linux/vfio.h and prints that include dir.
#
#   scripts/uapi-header.sh [SOURCE_VFIO_H]
#
# Without an argument it takes the newest /usr/src/linux-headers-6.12*-common
# (Debian's linux-headers-6.12-amd64 pulls it in).
set -euo pipefail
cd "$(dirname "$0")/.."

src=${1:-}
if [ -z "$src" ]; then
  common=$(ls -d /usr/src/linux-headers-6.12*-common 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$common" ] || { echo "uapi-header.sh: no /usr/src/linux-headers-6.12*-common (apt-get install linux-headers-6.12-amd64)" >&2; exit 2; }
  src=$common/include/uapi/linux/vfio.h
fi
[ -f "$src" ] || { echo "uapi-header.sh: $src: no such file" >&2; exit 2; }

generation=$(grep -oE 'linux-headers-[0-9]+\.[0-9]+' <<<"$src" | head -n 1 | sed 's/linux-headers-//' || true)
out=.build-uapi/${generation:-custom}/include
mkdir -p "$out/linux"
# The substitutions of scripts/headers_install.sh.
sed -E \
  -e 's/([[:space:](])(__user|__force|__iomem)[[:space:]]/\1/g' \
  -e 's/__attribute_const__([[:space:]]|$)/\1/g' \
  -e 's@^#include <linux/compiler(|_types).h>@@' \
  -e 's/(^|[^a-zA-Z0-9])__packed([^a-zA-Z0-9_]|$)/\1__attribute__((packed))\2/g' \
  -e 's/(^|[[:space:](])(inline|asm|volatile)([[:space:](]|$)/\1__\2__\3/g' \
  -e 's@#(ifndef|define|endif[[:space:]]*/[*])[[:space:]]*_UAPI@#\1 @' \
  "$src" > "$out/linux/vfio.h.$$"
# Replaced in one step: a test may be reading the header while another reinstalls it.
mv "$out/linux/vfio.h.$$" "$out/linux/vfio.h"
realpath "$out"
