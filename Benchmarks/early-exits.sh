#!/usr/bin/env bash
# Counts abnormal exits of `vfio abi` on inputs it refuses at once: a signal, an exit code it never
# documents (anything but 0, 1, 2) or a hang. An early exit once raced libclang's loading on another
# thread (SIGSEGV or SIGABRT in 2–14 of 80 runs), so each case runs many times.
#
#   Benchmarks/early-exits.sh [RUNS] [TREE_RUNS]     (default 1000 and 100)
#
# Cases: a missing header, an unreadable header, a header that does not compile, `--help`, each RUNS
# times; a tree diffed against itself (nothing to dump), TREE_RUNS times. Prints one line per case
# with its count of abnormal exits and the exit codes seen; exits 1 when any case had one.
# CONFIGURATION=release uses the release build (default debug), built when missing; VFIO=PATH runs
# another binary (e.g. an older build, to count its crashes).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000}
tree_runs=${2:-100}
configuration=${CONFIGURATION:-debug}
vfio=${VFIO:-.build/$configuration/vfio}
[ -x "$vfio" ] || swift build -c "$configuration" --product vfio >/dev/null
vfio=$(realpath "$vfio")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'struct broken { int a; unknown_t b; };\n' >"$work/broken.h"
printf 'struct fine { int a; };\n' >"$work/unreadable.h"
chmod 000 "$work/unreadable.h"
# root reads any file: the unreadable header is then read as an unprivileged user.
as_user=()
if [ "$(id -u)" = 0 ]; then
  chmod 755 "$work"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  "${as_user[@]}" test -x "$vfio" || { echo "early-exits.sh: $vfio is not executable by nobody" >&2; exit 2; }
fi
tree=Tests/VFIOABITests/Fixtures/trees/old

failures=0
count() {
  local name=$1 times=$2 expected=$3
  shift 3
  local abnormal=0 code
  declare -A seen=()
  # stderr closed around the loop too: the shell reports a child's signal there ("Segmentation fault").
  for ((i = 0; i < times; i++)); do
    code=0
    timeout 60 "$@" >/dev/null 2>&1 || code=$?
    seen[$code]=$((${seen[$code]:-0} + 1))
    [ "$code" = "$expected" ] || abnormal=$((abnormal + 1))
  done 2>/dev/null
  local codes=""
  for code in "${!seen[@]}"; do codes+=" exit $code: ${seen[$code]};"; done
  echo "$name: $abnormal abnormal in $times runs (expected exit $expected;${codes%;})"
  [ "$abnormal" = 0 ] || failures=$((failures + 1))
}

count "missing header" "$runs" 2 "$vfio" abi check --header "$work/nothere.h"
count "unreadable header" "$runs" 2 "${as_user[@]}" "$vfio" abi check --header "$work/unreadable.h"
count "header that does not compile" "$runs" 2 "$vfio" abi check --header "$work/broken.h"
count "--help" "$runs" 0 "$vfio" abi check --help
count "identical trees" "$tree_runs" 0 "$vfio" abi diff "$tree" "$tree"
[ "$failures" = 0 ]
