#!/usr/bin/env bash
# The command plugins run the way a downstream package runs them, on Examples/LayoutSample (a package
# with a C target of its own, depending on this one by path):
#   1. vfio-layout-generate refuses to run without --allow-writing-to-package-directory;
#   2. with it, in a copy of the sample, it writes exactly the committed baseline;
#   3. vfio-layout-check passes on the committed header, and so does vfio-abi-check (the installed
#      <linux/vfio.h>, and the sample's header against its baseline, arguments passed through);
#   4. in the copy, a field inserted in the middle of struct sample_request makes vfio-layout-check and
#      vfio-abi-check fail, the report naming the inserted field and the offsets it shifts.
# Every command and its output go to standard output (the transcript); the exit status is 0 when every
# step did what it should.
#
#   scripts/layout-sample.sh [SCRATCH]    SCRATCH: the sample's build directory (.build-layout-sample)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$root/${1:-.build-layout-sample}
sample=Examples/LayoutSample
baseline=LayoutBaselines/CLayoutSample/layout_sample.json
header=Sources/CLayoutSample/include/layout_sample.h

copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
# The copy holds the sample's own files only, its dependency pointed at this checkout.
mkdir -p "$copy/LayoutSample"
cp -r "$sample/Package.swift" "$sample/Sources" "$copy/LayoutSample/"
sed -i "s|path: \"../..\"|path: \"$root\"|" "$copy/LayoutSample/Package.swift"
copy=$copy/LayoutSample

failed=0
step() { echo; echo "--- $1"; }
fail() { echo "layout-sample: FAILED: $1"; failed=1; }
# Runs `swift package` on a package (quietly building the plugin's tool) and keeps its exit status
# and output for the checks that follow.
out=$scratch/step.txt
plugin() {
  local package=$1
  shift
  echo "\$ swift package $*   # in $( [ "$package" = "$copy" ] && echo "the copy" || echo "$sample")"
  mkdir -p "$scratch"
  set +e
  swift package --package-path "$package" --scratch-path "$scratch" "$@" 2>&1 \
    | grep -vE '^\[[0-9]+/[0-9]+\]|^Building for|^Build of product|^Compiling plugin|^Write swift-version' >"$out"
  status=${PIPESTATUS[0]}
  set -e
  cat "$out"
  echo "(exit $status)"
}

step "1. generate without the permission flag is refused"
plugin "$copy" vfio-layout-generate
[ "$status" != 0 ] && grep -q -- '--allow-writing-to-package-directory' "$out" \
  || fail "vfio-layout-generate ran without --allow-writing-to-package-directory"

step "2. generate writes the committed baseline"
plugin "$copy" --allow-writing-to-package-directory vfio-layout-generate --target CLayoutSample --arch x86_64
[ "$status" = 0 ] || fail "vfio-layout-generate failed"
cmp "$copy/$baseline" "$sample/$baseline" \
  || fail "$sample/$baseline differs from what vfio-layout-generate writes today (regenerate and commit it)"

step "3. the committed header passes"
plugin "$sample" vfio-layout-check
[ "$status" = 0 ] && grep -q 'Verdict: compatible' "$out" && grep -q '1 header checked: 1 compatible' "$out" \
  || fail "vfio-layout-check does not pass on the committed header"
plugin "$sample" vfio-abi-check
[ "$status" = 0 ] && grep -q '^baseline: vfio-' "$out" || fail "vfio-abi-check does not pass on the installed <linux/vfio.h>"
plugin "$sample" vfio-abi-check --header "$header" --baseline "$baseline" -I Sources/CLayoutSample/include
[ "$status" = 0 ] && grep -q "^baseline: $baseline" "$out" || fail "vfio-abi-check --baseline does not pass on the committed header"

step "4. a field inserted in the middle of struct sample_request fails both checks"
sed -i 's|^\t__u32 flags;$|\t__u32 flags;\n\t__u32 queue;|' "$copy/$header"
diff -u "$sample/$header" "$copy/$header" | sed 1,2d || true
plugin "$copy" vfio-layout-check
[ "$status" != 0 ] && grep -q 'struct sample_request.queue: fieldInserted' "$out" \
  && grep -q 'shifts iova: offset 8 → 16' "$out" && grep -q 'breaking: LayoutBaselines/CLayoutSample/layout_sample.json' "$out" \
  || fail "vfio-layout-check does not fail on the inserted field, naming the shifted offsets"
plugin "$copy" vfio-abi-check --header "$header" --baseline "$baseline" -I Sources/CLayoutSample/include
[ "$status" != 0 ] && grep -q 'vfio abi check exited with 1' "$out" \
  || fail "vfio-abi-check does not keep vfio abi check's exit status 1"

echo
[ $failed = 0 ] && echo "layout-sample: every step passed" || echo "layout-sample: FAILED"
exit $failed
