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

mkdir -p .build
# scripts/test.sh runs this right after the DocC plugin, whose extraction left a public-level graph
# of each documented module in its own folder: reused while newer than every source, since a second
# extraction (dump-symbol-graph) costs a build and half a minute.
fresh() {
  [ -f "$1" ] && [ -z "$(find Sources CHeaders Package.swift -newer "$1" -print -quit)" ]
}
graphs=.build/symbolgraph.docc
rm -rf "$graphs" && mkdir "$graphs"
for module in "${modules[@]}"; do
  graph=$(ls -t .build/*/extracted-symbols/*/"$module/$module.symbols.json" 2>/dev/null | head -n 1) || true
  fresh "$graph" || { graphs=; break; }
  shopt -s nullglob
  ln -s "$PWD/$graph" "$PWD/${graph%/*}/$module"@*.symbols.json "$graphs/"
  shopt -u nullglob
done

if [ -z "$graphs" ]; then
  stamp=.build/symbolgraph.stamp
  touch "$stamp"
  # It also tries the test module, which fails where the tests were built elsewhere (CI's sanitized
  # leg builds them in .build-asan): what counts is that each module asked for got a fresh graph.
  swift package dump-symbol-graph --minimum-access-level public >.build/symbolgraph.log 2>&1 || true
  graphs=$(sed -n 's/^Files written to //p' .build/symbolgraph.log)
  for module in "${modules[@]}"; do
    [ -n "$graphs" ] && [ "$graphs/$module.symbols.json" -nt "$stamp" ] \
      || { cat .build/symbolgraph.log >&2; echo "undocumented.sh: no symbol graph of $module" >&2; exit 2; }
  done
fi
swift scripts/undocumented.swift "$graphs" "$PWD" "${modules[@]}"
