#!/usr/bin/env bash
# Times `vfio abi diff` of two manifests of one struct whose every field had a new field inserted before
# it (old: f0 f1 … at 4-byte steps; new: g0 f0 g1 f1 …, each old field moved), doubling the field count
# from 1,000 to 64,000. The diff is linear when the time per field stays flat as the count doubles
# (the figures include reading both manifests).
#
#   Benchmarks/record-diff-scaling.sh [MAX_FIELDS]      (default 64000)
set -euo pipefail
cd "$(dirname "$0")/.."
max=${1:-64000}
swift build -c release --product vfio >&2
vfio=$(swift build -c release --show-bin-path)/vfio
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A manifest of `struct s` with N fields; with "interleaved", a field g<i> before each f<i>.
manifest() {
  awk -v n="$1" -v mode="$2" 'BEGIN {
    step = (mode == "interleaved") ? 8 : 4
    printf "{\"schemaVersion\": 2, \"header\": \"%s.h\", \"target\": \"x86_64-linux-gnu\", \"enumConstants\": [], \"macros\": [],\n", mode
    printf " \"records\": [{\"name\": \"s\", \"kind\": \"struct\", \"size\": %d, \"alignment\": 4, \"packed\": false, \"fields\": [\n", n * step
    for (i = 0; i < n; i++) {
      if (mode == "interleaved")
        printf "  {\"name\": \"g%d\", \"type\": \"int\", \"canonicalType\": \"int\", \"offset\": %d, \"size\": 4},\n", i, i * 8
      printf "  {\"name\": \"f%d\", \"type\": \"int\", \"canonicalType\": \"int\", \"offset\": %d, \"size\": 4}%s\n", i, i * step + step - 4, (i < n - 1) ? "," : ""
    }
    printf " ]}]}\n"
  }'
}

printf '%8s %10s %14s\n' fields "wall ms" "µs per field"
fields=1000
while [ "$fields" -le "$max" ]; do
  manifest "$fields" plain >"$work/old.json"
  manifest "$fields" interleaved >"$work/new.json"
  start=$(date +%s%N)
  status=0
  "$vfio" abi diff "$work/old.json" "$work/new.json" >/dev/null || status=$?
  end=$(date +%s%N)
  [ "$status" -eq 1 ] || { echo "record-diff-scaling.sh: expected a breaking verdict (exit 1), got $status" >&2; exit 2; }
  us=$(((end - start) / 1000))
  printf '%8d %10d %14s\n' "$fields" $((us / 1000)) "$(awk -v us="$us" -v n="$fields" 'BEGIN { printf "%.2f", us / n }')"
  fields=$((fields * 2))
done
