#!/usr/bin/env bash
# Times `vfio abi dump` of two generated headers against one clang process answering the same
# questions, in one run, interleaved round by round, and prints each median wall time and the ratio.
#
#   Benchmarks/dump-bench.sh [RUNS]      (default 10 rounds; VFIO=PATH times another binary)
#
# The headers: 10,000 structs after `#include <linux/types.h>`, struct sN { __u32 a; __u16 b; __u64 c;
# char d[N % 7 + 1]; }; and 20,000 macros, #define MN (N + 1). The floor for each is one
# `clang -fsyntax-only` of a unit that includes the header and makes clang compute what the manifest
# holds, as enumerators (an enumerator's value is a constant clang must evaluate, no output needed):
# every struct's sizeof, _Alignof and each field's offsetof, every macro's value. That is the least
# any tool asking clang must pay; the dump also finds the macros and fields, types and names, and
# writes the manifest (text, as `vfio abi dump` prints it by default).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
if [ -z "${VFIO:-}" ]; then
  swift build -c release --product vfio >&2
  VFIO=$(swift build -c release --show-bin-path)/vfio
fi
clang=$(dirname "$(readlink -f "$(command -v swift)")")/clang
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk 'BEGIN {
  print "#include <linux/types.h>" > "'"$work"'/structs.h"
  print "#include \"structs.h\"" > "'"$work"'/structs-floor.c"
  for (n = 0; n < 10000; n++) {
    printf "struct s%d { __u32 a; __u16 b; __u64 c; char d[%d]; };\n", n, n % 7 + 1 > "'"$work"'/structs.h"
    printf "enum { z%d = sizeof(struct s%d), l%d = _Alignof(struct s%d)", n, n, n, n > "'"$work"'/structs-floor.c"
    split("a b c d", fields, " ")
    for (f = 1; f <= 4; f++)
      printf ", o%d%s = __builtin_offsetof(struct s%d, %s)", n, fields[f], n, fields[f] > "'"$work"'/structs-floor.c"
    print " };" > "'"$work"'/structs-floor.c"
  }
  print "#include \"macros.h\"" > "'"$work"'/macros-floor.c"
  for (n = 0; n < 20000; n++) {
    printf "#define M%d (%d + 1)\n", n, n > "'"$work"'/macros.h"
    printf "enum { q%d = M%d };\n", n, n > "'"$work"'/macros-floor.c"
  }
}'
for kind in structs macros; do
  "$clang" -fsyntax-only -x c "$work/$kind-floor.c"   # the floor compiles, so clang answered everything
done

# Wall time in microseconds of one command.
once_us() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000))
}
median_us() { sort -n | awk '{ v[NR] = $1 } END { printf "%d", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for kind in structs macros; do
  "$VFIO" abi dump --header "$work/$kind.h" >/dev/null   # warm-up
  "$clang" -fsyntax-only -x c "$work/$kind-floor.c"
  for _ in $(seq "$runs"); do
    once_us "$VFIO" abi dump --header "$work/$kind.h" >> "$work/$kind.dump"
    once_us "$clang" -fsyntax-only -x c "$work/$kind-floor.c" >> "$work/$kind.floor"
  done
done
echo "rounds: $runs each, on $(nproc) CPUs; medians"
for kind in structs macros; do
  label="10,000 structs"; [ "$kind" = macros ] && label="20,000 macros"
  awk -v d="$(median_us < "$work/$kind.dump")" -v f="$(median_us < "$work/$kind.floor")" -v l="$label" 'BEGIN {
    printf "%s: vfio abi dump %.0f ms, one clang -fsyntax-only answering the same questions %.0f ms\n", l, d / 1000, f / 1000
    printf "ratio dump / clang floor, %s: %.2f (goal ≤ 1.5)\n", l, d / f }'
done
