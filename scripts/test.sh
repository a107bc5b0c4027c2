#!/usr/bin/env bash
# The whole test suite:
#   1. build and test once per header generation, each Debian release's linux-libc-dev installed as
#      the system include tree (scripts/with-installed-header.sh: a private mount namespace, the
#      whole tree, nothing set in the environment; the tests read the generation from the header):
#        bullseye 5.10 · bookworm 6.1 (this machine's own) · trixie 6.12 · sid 7.2
#        · trixie-backports (the newest Debian ships, 7.3)
#      each with its own scratch path; a warning in this package's own sources fails the run;
#      a leg written SUITE:asan builds and runs under AddressSanitizer + LeakSanitizer (the machine's
#      own leg does, by default: the whole suite, sanitized, costs one leg instead of a leg more;
#      Swift has no UndefinedBehaviorSanitizer on Linux);
#   2. the header-compat report between consecutive generations (vfio abi diff of the committed
#      baselines), kept in .build/abi-generations.txt;
#   3. the DocC catalogs of VFIO and VFIOABI built for static hosting, warnings as errors, each landing
#      page and every article of each catalog checked present in the archive (scripts/docs.sh), and
#      scripts/undocumented.sh;
#   3b. the command plugins run by a downstream package, Examples/LayoutSample (scripts/layout-sample.sh):
#      vfio-layout-generate, vfio-layout-check and vfio-abi-check pass on its committed header, and a
#      field inserted in the middle of a struct fails both checks;
#   3c. Examples/NVMe (the userspace NVMe driver) built with no warning and its tests run;
#   4. the fuzz smoke run: every libFuzzer target of scripts/fuzz.sh built and run briefly from its
#      committed corpus, and 2,000 generated headers through both of the engine's readers
#      (scripts/fuzz-headers.sh); a target that does not build, crashes or hangs fails the run, as
#      does a difference between the readers;
#   5. the suites that share owners across threads, and those that run the header-compat engine's
#      threads, under ThreadSanitizer (--no-tsan leaves them out);
#   6. the VM suite (VMTests/run.sh): the package against the real kernel VFIO stack under QEMU:
#      Debian's 6.12 and 6.1 kernels (installed), 5.10 and the newest (fetched), and the NVMe
#      example's userspace driver against the kernel's nvme driver on 6.12 and the newest.
#
#   scripts/test.sh                     everything
#   scripts/test.sh --no-vm             the header generations, the report, documentation and fuzz smoke
#   scripts/test.sh --no-vm SUITE...    only these generations (installed = this machine's header,
#                                       SUITE:asan = sanitized)
#   --no-fuzz                           (before the suites) leaves out the fuzz smoke run
set -euo pipefail
cd "$(dirname "$0")/.."

vm=1 fuzz=1 tsan=1
while [ $# -gt 0 ]; do
  case $1 in
    --no-vm) vm=0; shift ;;
    --no-fuzz) fuzz=0; shift ;;
    --no-tsan) tsan=0; shift ;;
    *) break ;;
  esac
done
suites=("$@")
# The machine's own leg first: it fetches nothing, so the other legs' packages download beside its build.
[ ${#suites[@]} -gt 0 ] || suites=(installed:asan bullseye trixie sid trixie-backports)

failed=0
summary=()
run_generation() {
  local suite=${1%:asan} scratch=.build sanitize=()
  [ "$suite" = installed ] || scratch=.build-$suite
  if [ "$1" != "$suite" ]; then
    scratch=$scratch-asan sanitize=(--sanitize=address)
    # .ci/lsan.supp: two leaks that are not this package's (XCTest's runner, swift-foundation).
    local -x LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
  fi
  local log=$scratch/build.log own="^$PWD/(Sources|Tests|CHeaders|CVFIO)/.*(warning|error):"
  mkdir -p "$scratch"
  local version
  version=$(scripts/with-installed-header.sh "$suite" sh -c "sed -n 's/^#define LINUX_VERSION_CODE //p' /usr/include/linux/version.h")
  version="$(( version >> 16 )).$(( (version >> 8) & 255 )).$(( version & 255 ))"
  echo "=== header generation $1: Linux $version ==="
  local started=$SECONDS
  scripts/with-installed-header.sh "$suite" swift build --build-tests "${sanitize[@]}" --scratch-path "$scratch" >"$log" 2>&1 || true
  grep -E 'error|warning:|Build complete' "$log" || true
  if grep -qE "$own" "$log"; then
    echo "=== $1: warnings or errors in the package's own sources ==="
    summary+=("$1 (Linux $version): build has warnings or errors")
    failed=1
    return
  fi
  if ! grep -q 'Build complete' "$log"; then
    summary+=("$1 (Linux $version): build failed")
    failed=1
    return
  fi
  sid_header
  local tests=$scratch/test.log built=$SECONDS
  if scripts/with-installed-header.sh "$suite" swift test --skip-build "${sanitize[@]}" --scratch-path "$scratch" 2>&1 | tee "$tests"; then
    summary+=("$1 (Linux $version): $(grep -E '^.? Test run with' "$tests" | tail -n 1 | sed 's/^.* Test run with //')"
      "  build $(( built - started )) s, tests $(( SECONDS - built )) s")
  else
    summary+=("$1 (Linux $version): tests FAILED")
    failed=1
  fi
}

# ---- prefetch ----
# What later steps fetch from Debian's archive, downloaded in the background while the first leg
# builds (waiting on the network beside a CPU-bound build instead of before one): the other legs'
# linux-libc-dev, the VM suite's fetched kernels (as VMTests/run.sh's suite_kernel names them) and
# the tree compare's (CI's last step) bookworm header and trixie abidiff. scripts/debian-packages.sh
# takes no lock: the first leg's suite (when it is not the machine's own) is brought up to date here
# first, and no other step fetches before the prefetch has ended (wait_prefetch). A failed fetch only
# leaves the step that needs the package to fetch it and report the error itself.
# Every leg compares the package's iommufd definitions with the newest iommufd.h
# (IOMMUFDHeaderTests): the prefetch unpacks unstable's linux-libc-dev first, and each leg's tests
# wait for it (sid_header).
mkdir -p .build
rm -f .build/prefetch-sid
first=${suites[0]%:asan}
[ "$first" = installed ] || scripts/debian-packages.sh "$first" linux-libc-dev >/dev/null
prefetch() {
  local suite image parts
  scripts/debian-packages.sh sid linux-libc-dev && touch .build/prefetch-sid
  for suite in "${suites[@]:1}"; do
    suite=${suite%:asan}
    [ "$suite" = installed ] || scripts/debian-packages.sh "$suite" linux-libc-dev
  done
  if [ $vm = 1 ]; then
    for suite in bullseye sid; do
      image=$(scripts/debian-packages.sh --depends "$suite" linux-image-amd64 | grep -E '^linux-image-[0-9]' | head -n 1)
      parts=$(scripts/debian-packages.sh --depends "$suite" "$image" | grep -E '^linux-(binary|modules|base)-[0-9]' || true)
      # shellcheck disable=SC2086
      scripts/debian-packages.sh "$suite" "$image" $parts
    done
  fi
  scripts/debian-packages.sh bookworm linux-libc-dev
  scripts/abidiff.sh --prefix
}
prefetch >.build/prefetch.log 2>&1 &
prefetch_pid=$!
prefetch_started=$SECONDS
wait_prefetch() {
  [ -n "$prefetch_pid" ] || return 0
  wait "$prefetch_pid" || echo "=== prefetch failed (.build/prefetch.log): each step fetches what it needs itself ==="
  echo "=== prefetch of Debian packages ended $(( SECONDS - prefetch_started )) s after it started ==="
  prefetch_pid=
}
sid_header() {
  while [ ! -f .build/prefetch-sid ] && [ -n "$prefetch_pid" ] && kill -0 "$prefetch_pid" 2>/dev/null; do sleep 1; done
  [ -f .build/prefetch-sid ] || scripts/debian-packages.sh sid linux-libc-dev >/dev/null
}
# ---- end of prefetch ----
for suite in "${suites[@]}"; do
  [ "$suite" = "${suites[0]}" ] || wait_prefetch
  run_generation "$suite"
done
wait_prefetch

# The package's own header-compat check between consecutive generations: count sentinels that grow
# are reported, not judged breaking; the kernel's own breaks are (and are pinned by ManifestTests).
mkdir -p .build
report=.build/abi-generations.txt
vfio=$(swift build --show-bin-path)/vfio
if swift build --product vfio >.build/build-vfio.log 2>&1; then
  : >"$report"
  baselines=$(ls Sources/VFIOABI/Baselines/vfio-*.json | sort -V)
  previous=
  for baseline in $baselines; do
    if [ -n "$previous" ]; then
      { echo "=== vfio abi diff $(basename "$previous") $(basename "$baseline")"
        "$vfio" abi diff "$previous" "$baseline" || echo "(exit $?)"; } >>"$report"
    fi
    previous=$baseline
  done
  grep -E '^===|^Verdict' "$report"
else
  cat .build/build-vfio.log
  summary+=("header-compat report: vfio did not build")
  failed=1
fi

# The DocC catalogs, warnings (a broken symbol link, an undocumented parameter) as errors, in the
# static-hosting form a web server serves; every landing page and article checked present in it.
mkdir -p .build
# ---- ThreadSanitizer build, in the background ----
# The ThreadSanitizer build (its own scratch path, about 240 CPU-s) runs beside the documentation, the
# plugins' sample, Examples/NVMe and the fuzz smoke run, which leave a core idle much of the time (the
# fuzz targets' swiftc builds run one job at a time, each fuzzer one thread); its tests run below.
tsan_build_pid=
if [ $tsan = 1 ]; then
  tsan_build_started=$SECONDS
  rm -f .build/tsan-build.status .build/tsan-build.seconds
  { status=0
    swift build --build-tests --sanitize=thread --scratch-path .build-tsan >.build/tsan-build.log 2>&1 || status=$?
    echo "$status" >.build/tsan-build.status
    echo "$(( SECONDS - tsan_build_started ))" >.build/tsan-build.seconds; } &
  tsan_build_pid=$!
fi
# ---- end of ThreadSanitizer build ----
echo "=== documentation (VFIO, VFIOABI) ==="
docs_started=$SECONDS
if scripts/docs.sh >.build/documentation.log 2>&1; then
  cat .build/documentation.log
  summary+=("documentation: VFIO and VFIOABI build with no warning; in .build/docs $(grep -E '^VFIO(ABI)?: ' .build/documentation.log \
    | sed -E 's/^([A-Z]+): landing page and ([0-9]+) articles.*/\1 \2/' | paste -sd, - | sed 's/,/, /g') articles and both landing pages present; $(( SECONDS - docs_started )) s")
else
  grep -E 'warning:|error:|docs.sh:' .build/documentation.log | head -n 20 || true
  summary+=("documentation: FAILED (.build/documentation.log)")
  failed=1
fi
# Every public declaration documented, every top-level symbol curated on its landing page.
if scripts/undocumented.sh >.build/undocumented.log 2>&1; then
  summary+=("documentation: every public symbol of VFIO and VFIOABI documented and curated")
else
  grep -v ': 0 ' .build/undocumented.log | tail -n 20 || true
  summary+=("documentation: undocumented or uncurated symbols (scripts/undocumented.sh)")
  failed=1
fi

# ---- command plugins ----
# The plugins as a downstream package runs them, in Examples/LayoutSample. Its build shares the root's
# scratch path: the sample depends on this checkout by path, so the `vfio` the plugins need is the one
# the report above built, not a second build of the engine (about four minutes on 2 cores).
echo "=== command plugins on Examples/LayoutSample ==="
plugins_started=$SECONDS
if scripts/layout-sample.sh .build >.build/layout-sample.log 2>&1; then
  summary+=("command plugins: generate, check and abi-check pass on Examples/LayoutSample, a field inserted mid-struct fails both checks; $(( SECONDS - plugins_started )) s")
else
  grep -E 'FAILED|error:' .build/layout-sample.log | head -n 20 || true
  summary+=("command plugins: FAILED (.build/layout-sample.log)")
  failed=1
fi
# ---- end of command plugins ----
# ---- Examples/NVMe ----
# The userspace NVMe driver built on the package (its own package, depending on this one by path)
# and its tests against a controller emulated behind the fake kernel: a warning in its own sources,
# an error or a failed test fails the run.
echo "=== Examples/NVMe: build and tests ==="
nvme_started=$SECONDS
# The root's scratch path, like the plugins' sample: the package's own modules are built once.
nvme=Examples/NVMe nvme_scratch=$PWD/.build
nvme_own="^$PWD/$nvme/(Sources|Tests/VFIONVMeTests)/.*(warning|error):"
if (cd "$nvme" && swift build --build-tests --scratch-path "$nvme_scratch") >.build/nvme-build.log 2>&1 \
  && ! grep -qE "$nvme_own" .build/nvme-build.log \
  && (cd "$nvme" && swift test --skip-build --scratch-path "$nvme_scratch") >.build/nvme-test.log 2>&1; then
  summary+=("Examples/NVMe: $(grep -E '^.? Test run with' .build/nvme-test.log | tail -n 1 | sed 's/^.* Test run with //'); $(( SECONDS - nvme_started )) s")
else
  grep -hE 'warning:|error:|✘' .build/nvme-build.log .build/nvme-test.log 2>/dev/null | head -n 20 || true
  summary+=("Examples/NVMe: FAILED (.build/nvme-build.log, .build/nvme-test.log); $(( SECONDS - nvme_started )) s")
  failed=1
fi
# ---- end of Examples/NVMe ----

# ---- fuzz smoke run ----
# Every fuzz target builds and survives FUZZ_SMOKE_SECONDS from its committed corpus, so that none
# rots unnoticed; the long runs are scripts/fuzz.sh's own.
if [ $fuzz = 1 ]; then
  fuzz_seconds=${FUZZ_SMOKE_SECONDS:-15}
  fuzz_started=$SECONDS fuzz_failed=() fuzz_counts=()
  echo "=== fuzz smoke: every target, ${fuzz_seconds} s each ==="
  mkdir -p .build-fuzz
  for target in chain device migration-v1 clang-output manifest; do
    log=.build-fuzz/smoke-$target.log
    if scripts/fuzz.sh "$fuzz_seconds" "$target" >"$log" 2>&1; then
      fuzz_counts+=("$target $(sed -n 's/^fuzz [^:]*: \([0-9]*\) executions.*/\1/p' "$log" | tail -n 1)")
    else
      tail -n 20 "$log"
      fuzz_failed+=("$target")
    fi
    tail -n 1 "$log"
  done
  # The differential header fuzzer: generated headers through both of the engine's readers.
  log=.build-fuzz/smoke-headers.log
  if scripts/fuzz-headers.sh "${FUZZ_SMOKE_HEADERS:-2000}" 1 >"$log" 2>&1; then
    fuzz_counts+=("headers $(sed -n 's/^fuzz headers: \([0-9]*\) headers.*/\1/p' "$log" | tail -n 1)")
  else
    tail -n 20 "$log"
    fuzz_failed+=("headers")
  fi
  tail -n 1 "$log"
  if [ ${#fuzz_failed[@]} -eq 0 ]; then
    summary+=("fuzz smoke: 5 targets built, ${fuzz_seconds} s each, no crash, and generated headers with no difference between the engine's readers: $(IFS=,; echo "${fuzz_counts[*]}" | sed 's/,/, /g') executions; $(( SECONDS - fuzz_started )) s")
  else
    summary+=("fuzz smoke: FAILED (${fuzz_failed[*]}: build error, crash or timeout; .build-fuzz/smoke-TARGET.log)")
    failed=1
  fi
fi
# ---- end of fuzz smoke run ----

# ---- ThreadSanitizer ----
# The suites that share owners across threads — one device and container hammered by 8 threads, DMA
# pieces, pools and request checks, KVM lending, async eventfd waits, a BAR owner shared by threads —
# and the header-compat engine's threads — check's two dumps beside libclang's preload thread, a split
# probe's two halves, tree mode's workers — built and run under ThreadSanitizer: a reported race fails
# the run. (The package's locks, VFIO's and VFIOABI's, are pthread mutexes, which ThreadSanitizer sees.)
if [ $tsan = 1 ]; then
  echo "=== ThreadSanitizer: the suites that share owners across threads, the engine's threads ==="
  tsan_started=$SECONDS
  tsan_suites='ConcurrencyTests|DMAPiecesAndPoolTests|KVMLendingTests|AsyncEventFDTests|RegionMappingConcurrencyTests|IOASMapFileTests'
  tsan_suites+='|SideBySideDumpTests|SplitProbeTests|TreeSettlingTests|TreeTests|TreeCoverageTests|WorkQueueTests'
  wait "$tsan_build_pid" || true
  tsan_waited=$(( SECONDS - tsan_started ))
  if [ "$(cat .build/tsan-build.status 2>/dev/null)" = 0 ] \
    && swift test --skip-build --sanitize=thread --scratch-path .build-tsan --filter "$tsan_suites" >.build/tsan.log 2>&1 \
    && ! grep -q 'WARNING: ThreadSanitizer' .build/tsan.log; then
    summary+=("ThreadSanitizer: $(grep -E '^.? Test run with' .build/tsan.log | tail -n 1 | sed 's/^.* Test run with //; s/\.$//'), no race reported; built in $(cat .build/tsan-build.seconds) s beside the steps above (waited $tsan_waited s for it), tests $(( SECONDS - tsan_started - tsan_waited )) s")
  else
    grep -hE 'WARNING: ThreadSanitizer|error:|✘' .build/tsan-build.log .build/tsan.log | head -n 20 || true
    summary+=("ThreadSanitizer: FAILED (.build/tsan.log, .build/tsan-build.log)")
    failed=1
  fi
fi
# ---- end of ThreadSanitizer ----

if [ $vm = 1 ]; then
  VMTests/run.sh || failed=1
fi
echo "=== header generations ==="
printf '  %s\n' "${summary[@]}"
[ $failed = 0 ] && echo "=== all tests passed ===" || echo "=== tests FAILED ==="
exit $failed
