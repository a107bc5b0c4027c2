#!/usr/bin/env bash
# Regenerates the seed corpora of the VFIOABI fuzzers (Fuzz/abi-corpus) from clang's real output on
# the installed kernel headers: small excerpts (declarations picked with -ast-dump-filter, small
# headers whole), each prefixed with the byte that picks its reader in ClangOutputFuzzer.swift, and
# manifests `vfio abi dump` wrote for the package's baselines, paired as ManifestFuzzer.swift reads them.
#
#   Fuzz/make-abi-seeds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
clang=${VFIO_CLANG:-clang}
out=Fuzz/abi-corpus
rm -rf "$out"
mkdir -p "$out/clang-output" "$out/manifest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-fno-color-diagnostics -w -ferror-limit=0 -D'__counted_by(m)=' -I /usr/include)

# header declaration… : AST excerpts of the named declarations, and the header's whole -dD output.
dump() {
  local header=$1 seed=$2
  shift 2
  cp "/usr/include/$header" "$work/fuzz.h"
  for name in "$@"; do
    { printf '\0'; (cd "$work" && "$clang" "${flags[@]}" -fsyntax-only -Xclang -ast-dump=json \
        -Xclang -ast-dump-filter="$name" -include fuzz.h -x c /dev/null); } >"$out/clang-output/ast-$seed-$name"
  done
  { printf '\1'; (cd "$work" && "$clang" "${flags[@]}" -E -dD -include fuzz.h -x c /dev/null); } \
    >"$out/clang-output/dD-$seed"
}
dump linux/vfio.h vfio vfio_region_info_cap_sparse_mmap vfio_device_feature_mig_state vfio_device_mig_state
dump linux/uuid.h uuid guid_t
dump linux/ip.h ip iphdr
dump linux/const.h const __NSConstantString
# Tree mode's two texts of one header, old and new of one length (the fuzzer compares its input's
# halves), each opening with the same built-in macros: few, with -undef, so that the pair fits a seed.
for field in a b; do
  printf '#define OWN __INT64_C_SUFFIX__\nstruct s { int %s; };\n' "$field" >"$work/fuzz.h"
  (cd "$work" && "$clang" "${flags[@]}" -E -dD -undef -include fuzz.h -x c /dev/null)
done | { printf '\1'; cat; } >"$out/clang-output/dD-builtins-pair"
# A whole translation unit: the header defines nothing clang prints, so only the built-in typedefs.
cp /usr/include/linux/const.h "$work/fuzz.h"
{ printf '\0'; (cd "$work" && "$clang" "${flags[@]}" -fsyntax-only -Xclang -ast-dump=json -include fuzz.h \
    -x c /dev/null); } >"$out/clang-output/ast-const-unit"

# A probe as ProbeUnit writes one, with bit-fields (layouts) and a trailing zero (a packed IR struct).
cat >"$work/probe.c" <<'C'
#include <linux/ip.h>
enum { q0 = sizeof(struct iphdr) };
enum { q1 = _Alignof(struct iphdr) };
enum { q2 = __builtin_offsetof(struct iphdr, tos) };
enum { q3 = -1 };
enum { q4 = 0 };
const long long vfio_abi_seed_answers[] = {
q0, q0 < 0, q1, q1 < 0, q2, q2 < 0, q3, q3 < 0, q4, q4 < 0, q4, q4 < 0,
};
C
{ printf '\2'; "$clang" "${flags[@]}" -S -emit-llvm -O0 -Xclang -fdump-record-layouts-simple -o - "$work/probe.c" \
    | grep -v -e '^!' -e '^attributes' -e '^source_filename' -e '^target'; } >"$out/clang-output/probe-iphdr"
# An answers array ending in zeros, which clang writes as a packed struct of pieces.
printf 'const long long vfio_abi_seed_answers[] = { 7, 0, -3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };\n' >"$work/zeros.c"
{ printf '\2'; "$clang" -S -emit-llvm -O0 -o - "$work/zeros.c" | grep '^@'; } >"$out/clang-output/probe-zeros"
# A probe with an error, as ProbeAnswers reads its diagnostics.
printf 'enum { q0 = (int *)0 };\n' >"$work/bad.c"
{ printf '\2'; "$clang" "${flags[@]}" -fsyntax-only -x c - <"$work/bad.c" 2>&1 || true; } >"$out/clang-output/probe-error"

# Manifests: the committed baselines, old and new, cut to their first records so seeds stay small.
cut_manifest() {
  python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
m["records"] = m["records"][:int(sys.argv[2])]
m["enumConstants"] = m["enumConstants"][:4]
m["macros"] = m["macros"][:4]
if "included" in m: m["included"] = m["included"][:4]
print(json.dumps(m, indent=2, sort_keys=True))' "$1" "$2"
}
for pair in "5.10 6.1" "6.1 6.12" "6.12 7.2"; do
  set -- $pair
  { cut_manifest "Sources/VFIOABI/Baselines/vfio-$1.json" 1; printf '\0'; cut_manifest "Sources/VFIOABI/Baselines/vfio-$2.json" 1; } \
    >"$out/manifest/vfio-$1-$2"
done
# Bit-fields, dumped by the tool itself (VFIO_TOOL, by default the debug build's).
tool=${VFIO_TOOL:-.build/debug/vfio}
for fixture in bitfield moved typedef-record; do
  { "$tool" abi dump --json --header "Tests/VFIOABITests/Fixtures/$fixture/old.h"; printf '\0'
    "$tool" abi dump --json --header "Tests/VFIOABITests/Fixtures/$fixture/new.h"; } >"$out/manifest/$fixture"
done
ls -l "$out"/*
