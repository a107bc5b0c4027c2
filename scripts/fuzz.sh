#!/usr/bin/env bash
# Fuzzes with libFuzzer + AddressSanitizer.
#
#   scripts/fuzz.sh SECONDS [TARGET [RUNS]]
#
# TARGET is one of
#   chain         the capability chain parser (default): Fuzz/ChainFuzzer.swift with the
#                 parser's sources, seeds from Fuzz/make-seeds.c;
#   device        the device layer's calls (info, regions, IRQs, hot reset, DMA logging, v2
#                 migration, container dirty pages, iommufd ranges) against the fake kernel
#                 (Tests/CFakeKernel) answering from the input: Fuzz/Kernel/DeviceFuzzer.swift;
#   migration-v1  the v1 migration region loops against a fuzzed vendor driver:
#                 Fuzz/Kernel/MigrationV1Fuzzer.swift.
# Each starts from its committed seed corpus (Fuzz/corpus, Fuzz/corpus-TARGET), runs for
# SECONDS or RUNS executions, whichever ends first, and prints the executions and crashes.
# Exits non-zero when anything crashed or timed out. FUZZ_OPTIONS adds libFuzzer flags.
# Another header generation: scripts/with-installed-header.sh SUITE scripts/fuzz.sh SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [chain|device|migration-v1 [RUNS]]}
target=${2:-chain}
runs=${3:--1}
out=.build-fuzz/$target
mkdir -p "$out/corpus" "$out/artifacts"
rm -f "$out/artifacts"/*

# The device-level targets: swift-system and VFIO as modules, then the fake kernel (C
# interposer + its Swift scripts) and the fuzzer in one executable.
build_kernel_target() {
  local entry=$1 modules=.build-fuzz/modules
  mkdir -p "$modules"
  swift package resolve >/dev/null
  local system=.build/checkouts/swift-system/Sources
  # swift-system is not fuzzed: built once (its availability names are macOS's, warned about on Linux).
  if [ ! -f "$modules/libSystemPackage.a" ]; then
    clang -O1 -c "$system/CSystem/shims.c" -I "$system/CSystem/include" -o "$modules/csystem-shims.o"
    swiftc -O -parse-as-library -module-name SystemPackage -DSYSTEM_PACKAGE -I "$system/CSystem/include" \
      -emit-module -emit-module-path "$modules/SystemPackage.swiftmodule" -emit-library -static \
      $(find "$system/System" -name '*.swift') -o "$modules/libSystemPackage.a"
  fi
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name VFIO -I . -I "$modules" -I "$system/CSystem/include" \
    -emit-module -emit-module-path "$modules/VFIO.swiftmodule" -emit-library -static \
    $(find Sources/VFIO -name '*.swift') -o "$modules/libVFIO.a"
  clang -O1 -c Tests/CFakeKernel/fake_kernel.c -I Tests/CFakeKernel/include -o "$modules/fake_kernel.o"
  # The fake kernel is the harness, not what is fuzzed: checked by ASan, not traced for coverage.
  swiftc -O -sanitize=address -parse-as-library -module-name FakeKernel \
    -I . -I "$modules" -I "$system/CSystem/include" -I Tests/CFakeKernel/include \
    -emit-module -emit-module-path "$modules/FakeKernel.swiftmodule" -emit-library -static \
    Tests/FakeKernel/*.swift Fuzz/Kernel/FuzzKernel.swift -o "$modules/libFakeKernel.a"
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name KernelFuzzer \
    -I . -I "$modules" -I "$system/CSystem/include" -I Tests/CFakeKernel/include "Fuzz/Kernel/$entry" \
    "$modules/libFakeKernel.a" "$modules/libVFIO.a" "$modules/libSystemPackage.a" "$modules/csystem-shims.o" \
    "$modules/fake_kernel.o" -o "$out/fuzzer"
}


parser=(
  Sources/VFIO/Arguments/VariableLengthHeader.swift
  Sources/VFIO/Arguments/CapabilityChain.swift
  Sources/VFIO/Arguments/CapabilityChainError.swift
  Sources/VFIO/Arguments/CapabilityChainHeader.swift
  Sources/VFIO/Arguments/RawCapability.swift
  Sources/VFIO/Arguments/RawCapability+Decoding.swift
  Sources/VFIO/Arguments/RegionInfoCapability.swift
  Sources/VFIO/Arguments/DeviceInfoCapability.swift
  Sources/VFIO/Arguments/IOMMUInfoCapability.swift
  Sources/VFIO/Constants/*.swift
)
case $target in
  chain)
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name ChainFuzzer \
      -I . Fuzz/ChainFuzzer.swift "${parser[@]}" -o "$out/fuzzer" \
      >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
    clang -O1 -I CHeaders Fuzz/make-seeds.c -o "$out/make-seeds"
    "$out/make-seeds" Fuzz/corpus
    seeds=Fuzz/corpus
    ;;
  device) build_kernel_target DeviceFuzzer.swift >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
    seeds=Fuzz/corpus-device ;;
  migration-v1) build_kernel_target MigrationV1Fuzzer.swift >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
    seeds=Fuzz/corpus-migration-v1 ;;
  *) echo "unknown target $target (chain, device, migration-v1)" >&2; exit 2 ;;
esac

log=$out/fuzz.log
# Shallow allocation stacks: most of ASan's time otherwise goes to recording them.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=4}
set +e
# FUZZ_OPTIONS adds libFuzzer flags, e.g. -max_len=256 (shorter inputs, fewer calls each).
# shellcheck disable=SC2086
"$out/fuzzer" "$out/corpus" "$seeds" -max_total_time="$seconds" -runs="$runs" -print_final_stats=1 ${FUZZ_OPTIONS:-} \
  -timeout=5 -rss_limit_mb=1024 -artifact_prefix="$out/artifacts/" 2>&1 | tee "$log" | grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|ERROR|SUMMARY' | tail -n 5
status=${PIPESTATUS[0]}
set -e
executions=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
crashes=$(find "$out/artifacts" -type f | wc -l)
echo "fuzz $target: $executions executions (limit ${seconds}s, runs $runs), $crashes crashes or timeouts (exit $status)"
[ "$status" -eq 0 ] && [ "$crashes" -eq 0 ]
