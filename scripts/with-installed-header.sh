#!/usr/bin/env bash
# Runs a command on a system whose installed kernel headers are another Debian
# release's linux-libc-dev — the whole tree, as a user of that release has it.
#
#   scripts/with-installed-header.sh SUITE COMMAND [ARG...]   e.g. bullseye swift test
#
# SUITE is a Debian suite name (bullseye, trixie, sid, trixie-backports: whatever the archive of
# the machine's own apt sources serves, scripts/debian-packages.sh), or a directory holding an
# unpacked linux-libc-dev or a kernel's `make headers_install INSTALL_HDR_PATH=DIR/usr` (a path
# with a slash: ./DIR), for headers Debian does not ship.
#
# The command runs in a private mount namespace in which /usr/include is this
# machine's /usr/include with its own linux-libc-dev files taken out and SUITE's
# put in. Nothing outside the namespace changes: other processes, and the
# machine after the command, see the machine's own headers. SUITE "installed"
# runs the command as it is.
set -euo pipefail
suite=${1:?usage: scripts/with-installed-header.sh SUITE COMMAND [ARG...]}
shift
# A directory is named from where the caller stands.
[[ $suite == */* ]] && suite=$(cd "$suite" && pwd)
cd "$(dirname "$0")/.."

[ $# -gt 0 ] || { echo "with-installed-header.sh: no command" >&2; exit 2; }
[ "$suite" = installed ] && exec "$@"

if [[ $suite == */* ]]; then
  package=$suite
  [ -d "$package/usr/include/linux" ] || { echo "with-installed-header.sh: no usr/include/linux in $suite" >&2; exit 2; }
  [ -f "$package/.unpacked" ] || touch "$package/.unpacked"
  tree=$PWD/.build-debian/include-dir-$(basename "$package")
else
  package=$(scripts/debian-packages.sh "$suite" linux-libc-dev)
  tree=$PWD/.build-debian/include-$suite
fi
if [ ! -f "$tree/.staged" ] || [ "$tree/.staged" -ot "$package/.unpacked" ]; then
  rm -rf "$tree"
  # Hard links: instant, and the machine's files are only ever unlinked here, never written
  # (a copy where the tree is on another file system).
  cp -al /usr/include "$tree" 2>/dev/null || { rm -rf "$tree"; cp -a /usr/include "$tree"; }
  dpkg-query -L linux-libc-dev | sed -n 's@^/usr/include/@@p' | while read -r path; do
    [ -f "$tree/$path" ] && rm -f "$tree/$path"
  done
  # Dereferenced: newer packages link /usr/include/<triplet>/asm into /usr/lib/linux/uapi, which
  # this tree replaces only under /usr/include.
  cp -RL --preserve=mode,timestamps --remove-destination "$package/usr/include/." "$tree/"
  touch "$tree/.staged"
fi

sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
exec "${sudo_cmd[@]}" unshare --mount --propagation private -- \
  sh -c 'mount --bind "$1" /usr/include && shift && exec "$@"' sh "$tree" "$@"
