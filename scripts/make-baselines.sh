#!/usr/bin/env bash
# Regenerates the committed ABI baselines of vfio.h, one per header generation, with the package's own
# `vfio abi dump --json` (x86_64) of <linux/vfio.h> as each Debian release installs it
# (scripts/with-installed-header.sh): Sources/VFIOABI/Baselines/vfio-<major.minor>.json, named by the
# LINUX_VERSION_CODE of that release's <linux/version.h>. The library compiles them in: a new generation
# also needs its line in ABIBaseline.embedded (EmbeddedBaselineTests fails until it has one).
#
#   scripts/make-baselines.sh [SUITE...]     default: bullseye bookworm trixie sid trixie-backports
set -euo pipefail
cd "$(dirname "$0")/.."
out=Sources/VFIOABI/Baselines
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(bullseye bookworm trixie sid trixie-backports)
swift build --product vfio >&2
vfio=$(swift build --show-bin-path)/vfio
for suite in "${suites[@]}"; do
  code=$(scripts/with-installed-header.sh "$suite" sh -c "sed -n 's/^#define LINUX_VERSION_CODE //p' /usr/include/linux/version.h")
  generation=$(( code >> 16 )).$(( (code >> 8) & 255 ))
  scripts/with-installed-header.sh "$suite" "$vfio" abi dump --target x86_64 --header '<linux/vfio.h>' --json \
    > "$out/vfio-$generation.json"
  echo "wrote $out/vfio-$generation.json ($suite)" >&2
done
