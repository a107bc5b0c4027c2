#!/usr/bin/env bash
# Regenerates the committed ABI baselines of vfio.h, one per header generation, with the package's own
# `vfio abi dump --json` (x86_64):
#   Sources/VFIOABI/Baselines/vfio-6.1.json   the installed <linux/vfio.h> (Debian 12's linux-libc-dev)
#   Sources/VFIOABI/Baselines/vfio-6.12.json  the 6.12 UAPI source from linux-headers-6.12-*-common
set -euo pipefail
cd "$(dirname "$0")/.."
out=Sources/VFIOABI/Baselines
swift build --product vfio >&2
vfio=$(swift build --show-bin-path)/vfio
common=$(ls -d /usr/src/linux-headers-6.12*-common 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$common" ] || { echo "make-baselines.sh: no /usr/src/linux-headers-6.12*-common (apt-get install linux-headers-6.12-amd64)" >&2; exit 2; }
"$vfio" abi dump --target x86_64 --header '<linux/vfio.h>' --json > "$out/vfio-6.1.json"
"$vfio" abi dump --target x86_64 --header "$common/include/uapi/linux/vfio.h" --json > "$out/vfio-6.12.json"
echo "wrote $out/vfio-6.1.json $out/vfio-6.12.json" >&2
