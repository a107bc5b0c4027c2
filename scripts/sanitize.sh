#!/usr/bin/env bash
# The test suite under AddressSanitizer with LeakSanitizer, on this machine's header.
#
#   scripts/sanitize.sh [--skip REGEX]...     (a test id, e.g. --skip CompletenessTests)
#
# LeakSanitizer reports any leak in the package and its tests. Suppressed: the XCTest runner's
# own allocations (libXCTest keeps its suite list until exit), which the package does not reach.
# Swift's UndefinedBehaviorSanitizer is not supported on Linux (swiftc accepts only address,
# thread and fuzzer there); integer overflow and bounds are checked by Swift itself in debug builds.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-asan
suppressions=$PWD/scripts/lsan-suppressions.txt
swift build --build-tests --sanitize=address --scratch-path "$scratch" >"$scratch.log" 2>&1 ||
  { grep -E 'error' "$scratch.log" | head -n 20; exit 1; }
LSAN_OPTIONS="suppressions=$suppressions:print_suppressions=1" ASAN_OPTIONS=detect_leaks=1 \
  swift test --skip-build --sanitize=address --scratch-path "$scratch" "$@"
