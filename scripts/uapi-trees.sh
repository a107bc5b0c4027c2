#!/usr/bin/env bash
# Fetches the whole UAPI include trees of every supported header generation — Debian's linux-libc-dev
# of bullseye (5.10), bookworm (6.1), trixie (6.12) and sid (the newest) — through
# scripts/debian-packages.sh, and prints their usr/include directories joined by ':', the form
# VFIO_UAPI_TREES takes:
#
#   VFIO_UAPI_TREES=$(scripts/uapi-trees.sh) swift test --filter CompletenessTests
set -euo pipefail
cd "$(dirname "$0")/.."
trees=()
for suite in bullseye bookworm trixie sid; do
  dir=$(scripts/debian-packages.sh "$suite" linux-libc-dev | tail -n 1)
  trees+=("$dir/usr/include")
done
(IFS=:; echo "${trees[*]}")
