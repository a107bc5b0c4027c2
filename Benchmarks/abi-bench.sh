#!/usr/bin/env bash
# Times `vfio abi diff` of the 6.1 → 6.12 vfio.h and `vfio abi check` against the pipeline the kernel's
# scripts/check-uapi.sh runs for the same comparison (gcc -g -fno-eliminate-unused-debug-types on a
# translation unit including each header, abidiff on the two objects' DWARF), in the
# same run, on the release binary, interleaved round by round. Prints each mean wall time and the ratio.
#
#   Benchmarks/abi-bench.sh [RUNS]      (default 10 runs each)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}

for tool in gcc abidiff; do
  command -v "$tool" >/dev/null || { echo "abi-bench.sh: $tool not found (apt-get install gcc abigail-tools)" >&2; exit 2; }
done
swift build -c release --product vfio >&2
vfio=$(swift build -c release --show-bin-path)/vfio
# The 6.12 header as Debian 13 installs it (the whole include tree, staged by with-installed-header.sh).
scripts/with-installed-header.sh trixie true
new_include=$PWD/.build-debian/include-trixie
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What check-uapi.sh's compare_abi does for one header: do_compile of the new and then the old
# version, one after the other, then abidiff on the two objects (which reads their DWARF as abidw
# would). check-uapi.sh runs headers in parallel, but the two compiles of one header in sequence.
abidiff_pipeline() {
  local side include
  for side in old new; do
    include=(-I/usr/include)
    [ "$side" = new ] && include=(-I "$new_include")
    printf 'int f(void) { return 0; }\n' |
      gcc -shared -nostdlib -fPIC -o "$work/$side.bin" -x c -O0 -std=c90 \
        -fno-eliminate-unused-debug-types -g "${include[@]}" -include linux/vfio.h -
  done
  abidiff --non-reachable-types "$work/old.bin" "$work/new.bin" >/dev/null || true
}

vfio_diff() { "$vfio" abi diff '<linux/vfio.h>' "$new_include/linux/vfio.h" >/dev/null || true; }
vfio_check() { (cd "$work" && "$vfio" abi check >/dev/null); }

# Wall time in microseconds of one run of a function.
once_us() {
  local start end
  start=$(date +%s%N)
  "$1"
  end=$(date +%s%N)
  echo $(((end - start) / 1000))
}

# Interleaved: each round runs the three once, so load from other users of the machine falls on all
# of them alike. Means in milliseconds after one warm-up round.
abidiff_pipeline; vfio_diff; vfio_check
pipeline_us=0 diff_us=0 check_us=0
for _ in $(seq "$runs"); do
  pipeline_us=$((pipeline_us + $(once_us abidiff_pipeline)))
  diff_us=$((diff_us + $(once_us vfio_diff)))
  check_us=$((check_us + $(once_us vfio_check)))
done
pipeline=$((pipeline_us / runs / 1000))
diff=$((diff_us / runs / 1000))
check=$((check_us / runs / 1000))
echo "runs: $runs each, on $(nproc) CPUs"
echo "abidiff pipeline (gcc -g ×2, abidiff), 6.1 → 6.12 vfio.h:         ${pipeline} ms"
echo "vfio abi diff, 6.1 → 6.12 vfio.h:                                ${diff} ms"
echo "vfio abi check (installed header vs committed baseline):         ${check} ms"
awk -v d="$diff" -v p="$pipeline" 'BEGIN { printf "ratio vfio abi diff / abidiff pipeline: %.2f (goal ≤ 0.8)\n", d / p }'
