#!/usr/bin/env bash
# Downloads .deb packages of another Debian release from the archive this machine
# already uses, through a private apt state (the machine's own apt lists and
# sources are not touched), and unpacks each into its own directory.
#
#   scripts/debian-packages.sh SUITE PACKAGE...    e.g. bullseye linux-libc-dev
#   scripts/debian-packages.sh --depends SUITE PACKAGE...
#
# Prints one line per package: the directory it was unpacked into. Downloads are
# cached in .build-debian/<suite>/; a package already unpacked is not fetched again.
# With --depends nothing is downloaded: it prints the names of the packages each
# PACKAGE depends on, one a line (a metapackage such as linux-image-amd64 names
# the versioned package that carries the files).
# The archive address comes from the machine's apt sources (deb822 or one-line
# format): the URI of the entry that serves the machine's own release.
set -euo pipefail
cd "$(dirname "$0")/.."

depends=
[ "${1:-}" = --depends ] && { depends=1; shift; }
suite=${1:?usage: scripts/debian-packages.sh [--depends] SUITE PACKAGE...}
shift
[ $# -gt 0 ] || { echo "debian-packages.sh: no package named" >&2; exit 2; }

archive_uri() {
  local codename f
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  # deb822 .sources files: the URIs of a stanza whose Suites name the release.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v want="$codename" '
      /^[[:space:]]*$/ { uri = ""; ok = 0; next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) ok = 1 }
      uri != "" && ok { print uri; uri = ""; ok = 0 }' "$f"
  done
  # One-line format: deb [options] URI SUITE COMPONENTS...
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v want="$codename" '$1 == "deb" { for (i = 2; i < NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($(i+1) == want) print $i; break } }' "$f"
  done
}

root=$PWD/.build-debian
state=$root/apt-$suite
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$root/$suite"

uri=$(archive_uri | head -n 1)
[ -n "$uri" ] || { echo "debian-packages.sh: no apt source for this machine's release found in /etc/apt" >&2; exit 2; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$uri" "$suite" > "$state/sources.list"

apt_opts=(
  -o "Dir::State::Lists=$state/lists"
  -o "Dir::State::Status=$state/status"
  -o "Dir::Cache=$state/cache"
  -o "Dir::Etc::SourceList=$state/sources.list"
  -o "Dir::Etc::SourceParts=-"
  -o "APT::Architecture=$(dpkg --print-architecture)"
  -o "Debug::NoLocking=1"
)
touch "$state/status"
# One index download per suite and day: the archive changes, a test run should not wait on it each time.
stamp=$state/updated-$(date +%Y%m%d)
if [ ! -f "$stamp" ]; then
  apt-get "${apt_opts[@]}" update >"$state/update.log" 2>&1 || { cat "$state/update.log" >&2; exit 2; }
  rm -f "$state"/updated-*; touch "$stamp"
fi

if [ -n "$depends" ]; then
  for package in "$@"; do
    names=$(apt-cache "${apt_opts[@]}" depends "$package" 2>/dev/null | awk '$1 == "Depends:" { print $2 }') ||
      { echo "debian-packages.sh: $suite has no package $package" >&2; exit 2; }
    [ -n "$names" ] && echo "$names"
  done
  exit 0
fi

for package in "$@"; do
  version=$(apt-cache "${apt_opts[@]}" show --no-all-versions "$package" 2>/dev/null | awk '/^Version:/ { print $2; exit }')
  [ -n "$version" ] || { echo "debian-packages.sh: $suite has no package $package" >&2; exit 2; }
  dir=$root/$suite/$package-$version
  if [ ! -f "$dir/.unpacked" ]; then
    (cd "$root/$suite" && apt-get "${apt_opts[@]}" download "$package=$version" >/dev/null 2>"$state/download.log") ||
      { cat "$state/download.log" >&2; exit 2; }
    deb=$(ls "$root/$suite/${package}_"*.deb | head -n 1)
    rm -rf "$dir"; mkdir -p "$dir"
    dpkg-deb -x "$deb" "$dir"
    rm -f "$deb"
    touch "$dir/.unpacked"
  fi
  echo "$dir"
done
