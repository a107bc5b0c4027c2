#!/usr/bin/env bash
# The DocC documentation in the form a plain web server can host, checked, and optionally served.
# A .doccarchive opened from disk shows a blank page (its pages load /js and /data by absolute path),
# so each module is built with --transform-for-static-hosting under a base path of its own:
#
#   scripts/docs.sh                 build .build/docs/{VFIO,VFIOABI}, warnings as errors, and check that
#                                   each landing page and every article of each catalog is there
#   scripts/docs.sh --serve [PORT]  the same, then serve .build/docs (python3 -m http.server, port 8000):
#                                   http://localhost:PORT/VFIO/documentation/vfio/
#                                   http://localhost:PORT/VFIOABI/documentation/vfioabi/
set -euo pipefail
cd "$(dirname "$0")/.."

serve=false
port=8000
if [ "${1:-}" = --serve ]; then
  serve=true
  port=${2:-8000}
elif [ $# -gt 0 ]; then
  sed -n '2,10p' "$0" >&2
  exit 64
fi

out=.build/docs
rm -rf "$out"
mkdir -p "$out"
missing=0
for module in VFIO VFIOABI; do
  swift package --disable-sandbox --allow-writing-to-directory "$out" generate-documentation \
    --target "$module" --warnings-as-errors --output-path "$out/$module" \
    --transform-for-static-hosting --hosting-base-path "$module" >"$out/$module.log" 2>&1 \
    || { cat "$out/$module.log" >&2; echo "docs.sh: DocC failed for $module" >&2; exit 1; }
  # DocC names a module's pages after the module and an article after its file, both lowercased.
  lower=$(tr '[:upper:]' '[:lower:]' <<<"$module")
  pages=("$out/$module/index.html" "$out/$module/documentation/$lower/index.html" "$out/$module/data/documentation/$lower.json")
  for article in "Sources/$module/$module.docc"/*.md; do
    name=$(basename "$article" .md)
    [ "$name" = "$module" ] && continue
    name=$(tr '[:upper:]' '[:lower:]' <<<"$name")
    pages+=("$out/$module/data/documentation/$lower/$name.json" "$out/$module/documentation/$lower/$name/index.html")
  done
  for page in "${pages[@]}"; do
    [ -s "$page" ] || { echo "docs.sh: missing $page" >&2; missing=$((missing + 1)); }
  done
  echo "$module: landing page and $(( (${#pages[@]} - 3) / 2 )) articles in $out/$module"
done
[ "$missing" = 0 ] || exit 1

if $serve; then
  echo "serving http://localhost:$port/VFIO/documentation/vfio/ and http://localhost:$port/VFIOABI/documentation/vfioabi/"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$out"
fi
