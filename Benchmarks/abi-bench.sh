#!/usr/bin/env bash
# Times `vfio abi diff` of the 6.1 → 6.12 vfio.h and `vfio abi check` against the pipeline the kernel's
# scripts/check-uapi.sh runs for the same comparison (gcc -g -fno-eliminate-unused-debug-types on a
# translation unit including each header, abidiff on the two objects' DWARF), in the
# same run, on the release binary, interleaved round by round. Prints each mean wall time and the ratio.
# `vfio abi check` is timed against two floors measured in the same rounds: `clang -fsyntax-only` of
# the installed vfio.h (one clang process reading the header, which check must at least pay) and
# /bin/true (starting a process).
#
#   Benchmarks/abi-bench.sh [RUNS]      (default 10 runs each; VFIO=PATH times another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}

for tool in gcc abidiff; do
  command -v "$tool" >/dev/null || { echo "abi-bench.sh: $tool not found (apt-get install gcc abigail-tools)" >&2; exit 2; }
done
if [ -n "${VFIO:-}" ]; then
  vfio=$VFIO   # another binary, e.g. an older build to compare with
else
  swift build -c release --product vfio >&2
  vfio=$(swift build -c release --show-bin-path)/vfio
fi
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
vfio_check() { "$vfio" abi check >/dev/null; }
clang=$(dirname "$(readlink -f "$(command -v swift)")")/clang
clang_floor() { "$clang" -fsyntax-only -x c /usr/include/linux/vfio.h; }
true_floor() { /bin/true; }

# Wall time in microseconds of one run of a function, read from bash's own clock: a `date` process
# at each end would add its own start to every time (about a millisecond).
once_us() {
  local start=${EPOCHREALTIME/./}
  "$1"
  echo $((${EPOCHREALTIME/./} - start))
}

# The commands run in an empty directory: nothing of the checkout can be read by mistake.
cd "$work"
# Interleaved: each round runs the three once, so load from other users of the machine falls on all
# of them alike. Means in milliseconds after one warm-up round.
abidiff_pipeline; vfio_diff; vfio_check; clang_floor
pipeline_us=0 diff_us=0 check_us=0 clang_us=0 true_us=0
for _ in $(seq "$runs"); do
  pipeline_us=$((pipeline_us + $(once_us abidiff_pipeline)))
  diff_us=$((diff_us + $(once_us vfio_diff)))
  check_us=$((check_us + $(once_us vfio_check)))
  clang_us=$((clang_us + $(once_us clang_floor)))
  true_us=$((true_us + $(once_us true_floor)))
done
pipeline=$((pipeline_us / runs / 1000))
diff=$((diff_us / runs / 1000))
check=$((check_us / runs / 1000))
echo "runs: $runs each, on $(nproc) CPUs"
echo "abidiff pipeline (gcc -g ×2, abidiff), 6.1 → 6.12 vfio.h:         ${pipeline} ms"
echo "vfio abi diff, 6.1 → 6.12 vfio.h:                                ${diff} ms"
echo "vfio abi check (installed header vs committed baseline):         ${check} ms (goal ≤ 30 ms)"
awk -v c="$clang_us" -v t="$true_us" -v n="$runs" 'BEGIN {
  printf "floors: clang -fsyntax-only of vfio.h %.1f ms, /bin/true %.1f ms\n", c / n / 1000, t / n / 1000 }'
awk -v d="$diff_us" -v p="$pipeline_us" 'BEGIN { printf "ratio vfio abi diff / abidiff pipeline: %.2f (goal ≤ 0.5)\n", d / p }'
awk -v k="$check_us" -v c="$clang_us" 'BEGIN { printf "ratio vfio abi check / clang -fsyntax-only of vfio.h: %.2f\n", k / c }'
