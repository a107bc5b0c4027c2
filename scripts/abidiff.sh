#!/usr/bin/env bash
# Runs abidiff from another Debian release's abigail-tools (default trixie: libabigail ≥ 2.4, which
# the kernel's check-uapi.sh requires; Debian 12's 2.2 crashes on 69 UAPI headers), unpacked with
# every library it needs through scripts/debian-packages.sh and started by that release's own
# dynamic loader, so nothing is installed and the machine's libraries are not used.
#
#   scripts/abidiff.sh ABIDIFF-ARGUMENTS...       (ABIGAIL_SUITE=sid for unstable's)
#   scripts/abidiff.sh --prefix                   prints the command line to prefix abidiff's arguments with
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${ABIGAIL_SUITE:-trixie}
root=$PWD/.build-debian/$suite/abidiff-root
if [ ! -f "$root/.complete" ]; then
  # The closure of abigail-tools' dependencies, found by asking until nothing new is named
  # (python3 packages only serve abigail-tools' Python scripts, not abidiff).
  wanted=(abigail-tools)
  declare -A seen=()
  while [ ${#wanted[@]} -gt 0 ]; do
    next=()
    for package in "${wanted[@]}"; do seen[$package]=1; done
    while read -r name; do
      name=${name%%:*}
      case $name in python3* | "<"* | "") continue ;; esac
      [ -n "${seen[$name]:-}" ] || { seen[$name]=1; next+=("$name"); }
    done < <(scripts/debian-packages.sh --depends "$suite" "${wanted[@]}" | sort -u)
    wanted=("${next[@]}")
  done
  rm -rf "$root" && mkdir -p "$root"
  for dir in $(scripts/debian-packages.sh "$suite" "${!seen[@]}"); do
    cp -a "$dir"/. "$root"/
  done
  touch "$root/.complete"
fi
loader=
for candidate in "$root"/lib64/ld-linux-*.so.* "$root"/usr/lib64/ld-linux-*.so.*; do
  [ -f "$candidate" ] && { loader=$candidate; break; }
done
[ -n "$loader" ] || { echo "abidiff.sh: no dynamic loader in $root" >&2; exit 2; }
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -dumpmachine)
libraries=$root/lib/$multiarch:$root/usr/lib/$multiarch
prefix=("$loader" --library-path "$libraries" "$root/usr/bin/abidiff")
if [ "${1:-}" = --prefix ]; then
  printf '%q ' "${prefix[@]}"; echo
  exit 0
fi
exec "${prefix[@]}" "$@"
