#!/usr/bin/env bash
# Fails when a binary needs a newer glibc than the Lambda runtime provides. A Native AOT `bootstrap` links
# against the build machine's glibc, so building on a newer distro can silently raise the floor; on
# provided.al2023 (glibc 2.34) that shows up only at cold start, as "GLIBC_2.xx not found".
# Usage: scripts/check-glibc.sh <binary> [max-version]   (max-version defaults to $GLIBC_MAX or 2.34)
set -euo pipefail

binary="${1:?usage: check-glibc.sh <binary> [max-version]}"
max="${2:-${GLIBC_MAX:-2.34}}"

if [[ ! -f $binary ]]; then
  echo "check-glibc: $binary does not exist (run 'make publish-function' first)" >&2
  exit 2
fi

# objdump -T lists dynamic symbols with their version, e.g. "... (GLIBC_2.34) pthread_create".
# GLIBC_PRIVATE has no number and is deliberately not matched.
symbols=$(objdump -T "$binary")
versions=$(grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' <<<"$symbols" | sed 's/^GLIBC_//' | sort -uV || true)

if [[ -z $versions ]]; then
  echo "check-glibc: $binary requires no versioned glibc symbols (OK, limit $max)"
  exit 0
fi

highest=$(tail -n 1 <<<"$versions")
if [[ $(printf '%s\n%s\n' "$highest" "$max" | sort -V | tail -n 1) != "$max" ]]; then
  echo "check-glibc: $binary requires GLIBC_$highest, newer than the allowed $max. Symbols above the limit:" >&2
  while read -r version; do
    if [[ $(printf '%s\n%s\n' "$version" "$max" | sort -V | tail -n 1) != "$max" ]]; then
      grep -F "(GLIBC_$version)" <<<"$symbols" | awk -v v="$version" '{print "  " $NF " (GLIBC_" v ")"}' >&2
    fi
  done <<<"$versions"
  exit 1
fi

echo "check-glibc: $binary requires at most GLIBC_$highest (OK, limit $max)"
