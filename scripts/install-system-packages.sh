#!/usr/bin/env bash
# Installs the Debian packages LiveInsight needs locally (Java 17 for DynamoDB Local, Chromium for
# the browser tests, binutils for the glibc check), only when one is missing.
set -euo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
# CHROMIUM_PATH names another Chromium-family browser to test with (e.g. Google Chrome on GitHub's
# Ubuntu runners, where the `chromium` package is only a snap shim).
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
command -v objdump >/dev/null 2>&1 || need+=(binutils)
command -v zip >/dev/null 2>&1 || need+=(zip)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "Installing: ${need[*]}"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}"
