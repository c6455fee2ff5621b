#!/usr/bin/env bash
# Installs what the report tests and `itaku report monthly --format pdf` need: Debian's Chromium (driven
# by puppeteer-core; no browser download) and Noto CJK fonts so Japanese renders. Idempotent; needs root or sudo.
set -euo pipefail

packages=(chromium fonts-noto-cjk)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-chromium: chromium and fonts-noto-cjk already installed"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-chromium: installed ${missing[*]}"
