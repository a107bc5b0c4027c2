#!/usr/bin/env bash
# The test suite under AddressSanitizer and LeakSanitizer, in its own scratch path. XCTest's runner,
# which swift test starts even for Swift Testing, keeps two objects alive at exit and swift-foundation
# leaks a buffer reading an empty file; .ci/lsan.supp names those two and nothing else.
#
#   scripts/asan.sh [swift test arguments, e.g. --filter VFIOABITests]
set -euo pipefail
cd "$(dirname "$0")/.."
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
swift test --sanitize=address --scratch-path .build-asan "$@"
