#!/usr/bin/env bash
# Runs the benchmarks and prints each VFIO-vs-C ratio measured in this one run.
#
#   Benchmarks/ratios.sh [FILTER]     (a regular expression matching whole names, e.g. "ioctl.*")
#
# Pairs are benchmarks named "<what> via VFIO" and "<what> via C". Wall time is
# the median of package-benchmark's samples; allocations are per call after
# subtracting the harness's own (equal on both sides). For the ioctl, a probe
# also alternates batches of VFIO and C calls in one process and compares the
# best batch of each, which holds still under machine load where the medians
# of two runs taken one after the other do not. Instructions come from
# callgrind (this machine has no hardware perf counters): user-space
# instructions per call, from the difference between two run lengths so process
# start-up cancels out.
set -euo pipefail
cd "$(dirname "$0")"
filter=${1:-.*}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

swift package --allow-writing-to-directory "$out" benchmark --filter "$filter" \
  --format jmh --path "$out" --no-progress >"$out/log" 2>&1 || { cat "$out/log"; exit 1; }

python3 - "$out"/*.jmh.json <<'PY'
import json, statistics, sys
runs = json.load(open(sys.argv[1]))
def samples(entry, metric):
    data = entry["secondaryMetrics"].get(metric)
    return [x for row in data["rawData"] for x in row] if data else None
by_name = {e["benchmark"].rsplit(".", 1)[-1]: e for e in runs}
for name, entry in sorted(by_name.items()):
    if not name.endswith("_via_VFIO"): continue
    base = name[: -len("_via_VFIO")]
    c = by_name.get(base + "_via_C")
    if not c: continue
    swift_t = statistics.median(samples(entry, "Time (wall clock)"))
    c_t = statistics.median(samples(c, "Time (wall clock)"))
    calls = 1000  # scalingFactor .kilo: one sample is 1000 calls
    line = f"{base.replace('_', ' ')}: wall time VFIO/C = {swift_t / c_t:.3f} (median {swift_t / calls * 1000:.1f} ns vs {c_t / calls * 1000:.1f} ns per call)"
    m_s, m_c = samples(entry, "Malloc (total)"), samples(c, "Malloc (total)")
    if m_s and m_c:
        line += f"; heap allocations per call = {(statistics.median(m_s) - statistics.median(m_c)) / calls:g}"
    print(line)
PY

if [[ "ioctl GET_API_VERSION via VFIO" =~ ^($filter)$ ]]; then
  probe=$(swift build -c release --product IoctlInstructionProbe --show-bin-path)/IoctlInstructionProbe
  swift build -c release --product IoctlInstructionProbe >/dev/null
  # valgrind cannot read the DWARF 5 that swiftc emits; a stripped copy counts the same instructions.
  cp "$probe" "$out/probe" && strip --strip-debug "$out/probe"
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$out/probe" "$1" "$2" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
  n=100000
  vfio=$(( ($(count vfio $((2 * n))) - $(count vfio $n)) ))
  c=$(( ($(count c $((2 * n))) - $(count c $n)) ))
  "$probe" time 200
  python3 -c "print(f'ioctl GET_API_VERSION: user-space instructions per call VFIO {$vfio/$n:.1f}, C {$c/$n:.1f}, ratio {$vfio/$c:.3f} (the failing call throws; swift_willThrowTypedImpl is the difference)')"
fi
