#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the project needs, only those missing.
# Uses sudo when not root. Usage: scripts/ensure-system-deps.sh [package ...]
set -euo pipefail

packages=("$@")
# python3 -m venv needs ensurepip, which Debian ships separately as python3-venv.
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    packages+=(python3-venv)
fi

missing=()
for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "error: missing system packages ${missing[*]}, and this is not a Debian/Ubuntu system (no apt-get)." >&2
    echo "  Install the equivalents with your system's package manager, then rerun." >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
