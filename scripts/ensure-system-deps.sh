#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the project needs, only those missing, saying which and about how long.
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
if [ ${#missing[@]} -eq 0 ]; then
    echo "all installed"
    exit 0
fi

if ! command -v apt-get >/dev/null; then
    echo "error: missing system packages ${missing[*]}, and this is not a Debian/Ubuntu system (no apt-get)." >&2
    echo "  How to fix: install their equivalents with this system's package manager, then run make setup again." >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "error: missing system packages ${missing[*]}; installing them needs root, and sudo is not available." >&2
        echo "  How to fix: as root, run: apt-get install ${missing[*]}; then run make setup again." >&2
        exit 1
    fi
    SUDO="sudo"
fi
echo "installing with apt-get: ${missing[*]}"
echo "(Chromium and the CJK fonts are some 300 MB: 1-5 minutes, depending on the network)"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
