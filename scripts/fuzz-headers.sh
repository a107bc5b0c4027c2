#!/usr/bin/env bash
# The differential header fuzzer (Fuzz/Headers): COUNT generated headers, deterministic per SEED,
# dumped by libclang in this process and by clang processes, whose manifests must be identical, plus
# mutated units that must fail alike.
#
#   scripts/fuzz-headers.sh COUNT [SEED [HEADERS-PER-UNIT]]
#
# Prints headers/s, differences and crashes; exits non-zero on any difference, on a generated header
# that does not compile, or on a crash. A differing header is kept as
# .build-fuzz/headers/out/diff-SEED-INDEX.h (the fixture to commit with its fix). The long run is
# `nice -n 19 scripts/fuzz-headers.sh 1000000`; scripts/test.sh smoke-runs 2,000.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:?usage: scripts/fuzz-headers.sh COUNT [SEED [HEADERS-PER-UNIT]]}
seed=${2:-1}
per_unit=${3:-200}
out=.build-fuzz/headers
mkdir -p "$out/out"

# The engine but the baselines (bundle resources only SwiftPM provides), with its C target CLibClang,
# built optimized without sanitizers (the readers' speed is the run's) and with testing enabled (the
# fuzzer drives both readers through the engine's internal HeaderBatch); rebuilt when a source changes.
# Whole-module: one frontend instead of swiftc's one file batch at a time (see scripts/fuzz.sh).
mapfile -t sources < <(find Sources/VFIOABI -name '*.swift' ! -name 'ABIBaseline*.swift' | sort)
stamp=$(cat "${sources[@]}" Sources/CLibClang/LibClang.c Sources/CLibClang/include/* | cksum | cut -d' ' -f1)
if [ "$(cat "$out/engine.stamp" 2>/dev/null)" != "$stamp" ]; then
  { clang -O1 -c Sources/CLibClang/LibClang.c -I Sources/CLibClang/include -o "$out/clibclang.o" &&
    swiftc -O -wmo -num-threads "$(nproc)" -enable-testing -parse-as-library -module-name VFIOABI -I Sources/CLibClang/include \
      -emit-module -emit-module-path "$out/VFIOABI.swiftmodule" -emit-library -static \
      "${sources[@]}" -o "$out/libVFIOABI.a"; } >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  echo "$stamp" >"$out/engine.stamp"
fi
swiftc -O -wmo -num-threads "$(nproc)" -parse-as-library -module-name HeaderFuzzer -I "$out" -I Sources/CLibClang/include \
  Fuzz/Headers/*.swift "$out/libVFIOABI.a" "$out/clibclang.o" -ldl -o "$out/header-fuzzer" >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; exit 1; }

log=$out/fuzz.log
started=$SECONDS
set +e
"$out/header-fuzzer" "$count" "$seed" "$out/out" "$per_unit" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# A signal (a trap, a sanitizer abort) is a crash; 1 is a difference or a header that did not compile.
crashes=0
[ "$status" -gt 128 ] && crashes=1
differences=$(sed -n 's/.* \([0-9]*\) differences, .*/\1/p' "$log" | tail -n 1)
echo "fuzz headers: seed $seed, ${differences:-?} differences, $crashes crashes, $(( SECONDS - started )) s (exit $status)"
[ "$status" -eq 0 ]
