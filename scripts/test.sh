#!/usr/bin/env bash
# The whole test suite:
#   1. build and test once per header generation
#      6.1  — the installed <linux/vfio.h> (Debian 12's linux-libc-dev)
#      6.12 — the kernel's UAPI header from linux-headers-6.12-*-common, installed
#             the way headers_install does and put first on the include path;
#      each generation has its own scratch path so no module cache is shared,
#      and a warning in this package's own sources fails the run;
#   2. the VM suite (VMTests/run.sh): the package against the real kernel VFIO
#      stack, Debian's 6.12 and 6.1 kernels (installed), 5.10 and the newest
#      (fetched) under QEMU.
#
#   scripts/test.sh            everything
#   scripts/test.sh --no-vm    the two header generations only
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
run_generation() {
  local generation=$1 scratch=$2 include=${3:-}
  local flags=()
  [ -n "$include" ] && flags=(-Xcc "-I$include")
  echo "=== header generation $generation (${include:-/usr/include}) ==="
  export VFIO_HEADER_GENERATION=$generation VFIO_HEADER_INCLUDE_DIR=$include
  local log=$scratch/build.log own="^$PWD/(Sources|Tests|CHeaders|CVFIO)/.*(warning|error):"
  mkdir -p "$scratch"
  swift build --build-tests --scratch-path "$scratch" "${flags[@]}" >"$log" 2>&1 || true
  grep -E 'error|warning:|Build complete' "$log" || true
  if grep -qE "$own" "$log"; then
    echo "=== $generation: warnings or errors in the package's own sources ==="
    failed=1
    return
  fi
  if ! grep -q 'Build complete' "$log"; then echo "=== $generation: build failed ==="; failed=1; return; fi
  if swift test --skip-build --scratch-path "$scratch" "${flags[@]}"; then
    echo "=== header generation $generation: tests passed ==="
  else
    echo "=== header generation $generation: tests FAILED ==="
    failed=1
  fi
}

run_generation 6.1 .build
run_generation 6.12 .build-6.12 "$(scripts/uapi-header.sh)"
if [ "${1:-}" != --no-vm ]; then
  VMTests/run.sh || failed=1
fi
[ $failed = 0 ] && echo "=== all tests passed ===" || echo "=== tests FAILED ==="
exit $failed
