#!/usr/bin/env bash
# Is PYTHON (the first argument; default python3) one the project can run on: the version pyproject.toml's
# requires-python names, or later? If not, say so in one line, with what to do, and exit with 1. The Makefile runs
# it before the first Python of a run (the step list) and scripts/setup.sh before it builds a venv with it.
cd "$(dirname "$0")/.."
python=${1:-python3}
need=$(sed -n 's/^requires-python *= *">= *\([0-9][0-9.]*\)".*/\1/p' pyproject.toml)
if "$python" -c "import sys; sys.exit(sys.version_info[:2] < tuple(int(n) for n in '$need'.split('.')))" \
        2>/dev/null; then
    exit 0
fi
have=$( ("$python" --version) 2>&1 | head -n 1)
command -v "$python" >/dev/null || have="not found"
echo "error: PYTHON=$python is ${have:-not a Python that runs here}; the project needs Python $need or later:" \
     "put one first on PATH, or name it, e.g. \`make report PYTHON=python$need\`." >&2
exit 1
