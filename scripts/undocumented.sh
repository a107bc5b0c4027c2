#!/usr/bin/env bash
# Public declarations of this package without a doc comment, from the compiler's symbol graphs, and
# top-level symbols the module's DocC landing page (Sources/M/M.docc/M.md) does not curate.
# Prints "file:line: kind Name.path" per symbol and a count per module; exits 1 when any is found.
# Symbols the compiler synthesizes, or inherits from a protocol of another module, are not declared
# in Sources/ and are left out. VFIOTool is an executable: SwiftPM emits no symbol graph for it.
#
#   scripts/undocumented.sh [MODULE...]      default: VFIO VFIOABI
set -euo pipefail
cd "$(dirname "$0")/.."
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(VFIO VFIOABI)

swift package dump-symbol-graph --minimum-access-level public >.build/symbolgraph.log 2>&1 \
  || { cat .build/symbolgraph.log >&2; exit 2; }
graphs=$(sed -n 's/^Files written to //p' .build/symbolgraph.log)

shopt -s nullglob
total=0
for module in "${modules[@]}"; do
  # M.symbols.json holds the module's own types; M@Other.symbols.json its extensions of Other's types.
  list=$(jq -r --arg root "$PWD/Sources/" '
    .symbols[]
    | select(.location.uri // "" | ltrimstr("file://") | startswith($root))
    | select(.docComment == null)
    | select(.identifier.precise | contains("::SYNTHESIZED::") | not)
    | "Sources/\(.location.uri | ltrimstr("file://") | ltrimstr($root)):\(.location.position.line + 1): \(.kind.identifier | ltrimstr("swift.")) \(.pathComponents | join("."))"
  ' "$graphs/$module.symbols.json" "$graphs/$module"@*.symbols.json | sort -u)
  count=$(printf '%s' "$list" | grep -c . || true)
  [ -z "$list" ] || printf '%s\n' "$list"
  echo "$module: $count undocumented public symbols"
  total=$((total + count))
  landing=Sources/$module/$module.docc/$module.md
  uncurated=$(jq -r '.symbols[] | select(.pathComponents | length == 1) | .pathComponents[0]' \
      "$graphs/$module.symbols.json" | sort -u | while read -r name; do
    grep -qF -- "- \`\`$name\`\`" "$landing" || echo "$landing: not curated: $name"
  done)
  uncount=$(printf '%s' "$uncurated" | grep -c . || true)
  [ -z "$uncurated" ] || printf '%s\n' "$uncurated"
  echo "$module: $uncount top-level symbols not curated on $landing"
  total=$((total + uncount))
done
[ $total = 0 ]
