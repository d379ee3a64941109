#!/usr/bin/env bash
# Set up, or repair, everything the project needs; say what is installed and about how long it takes.
# Every piece is checked and only what is missing is installed, so a rerun is quick and safe: `make setup`
# runs this whatever its stamp says.
#
#   ENV_KIND=venv   ENV_DIR=.venv           (the default) a venv built here from requirements.lock
#   ENV_KIND=conda  ENV_DIR=$CONDA_PREFIX   an active conda environment, updated from environment.yml
#   STAMP=file      its time says when the Python packages were last installed (redone when the lock is newer)
# The Makefile sets them.
set -euo pipefail
cd "$(dirname "$0")/.."
ENV_KIND=${ENV_KIND:-venv}
ENV_DIR=${ENV_DIR:-.venv}
PYTHON=${PYTHON:-python3}
STAMP=${STAMP:-$ENV_DIR/.installed}
PY="$ENV_DIR/bin/python"
# Debian/Ubuntu packages, from the system in every case (conda too): the CJK fonts, so that Chinese renders in
# figures and PDFs (no tofu boxes); Chromium, which prints the PDFs; poppler-utils (pdftotext, pdftoppm) for
# the report tests.
SYSTEM_PACKAGES=(fonts-noto-cjk chromium poppler-utils)

step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS

step "System packages (${SYSTEM_PACKAGES[*]})"
scripts/ensure-system-deps.sh "${SYSTEM_PACKAGES[@]}"

if [ "$ENV_KIND" = venv ]; then
    step "Python environment $ENV_DIR"
    # A venv copied with the project folder still belongs to the original: its tools (bin/papermill, bin/jupyter),
    # its install of the project and its kernel run the original's Python and helpers. pyvenv.cfg records the
    # folder it was made in; one made elsewhere is made anew here.
    made_in=$(sed -n 's/^command = .* -m venv \(-[^ ]* \)*//p' "$ENV_DIR/pyvenv.cfg" 2>/dev/null || true)
    elsewhere=""
    if [ -n "$made_in" ] && [ "$(cd "$made_in" 2>/dev/null && pwd -P)" != "$(cd "$ENV_DIR" && pwd -P)" ]; then
        elsewhere=yes
        echo "$ENV_DIR was made in $made_in (copied with the project folder): making this folder's own."
    fi
    if [ -z "$elsewhere" ] && "$PY" -c "import sys" 2>/dev/null; then
        echo "present: $("$PY" --version)"
    else
        scripts/check-python.sh "$PYTHON"
        echo "creating it with $PYTHON -m venv (a few seconds)"
        "$PYTHON" -m venv --clear "$ENV_DIR"
    fi
fi

step "Python packages"
lock=requirements.lock
[ "$ENV_KIND" = conda ] && lock=environment.yml
packages_ok() {   # installed, and not older than the lists of what to install
    "$PY" -m helpers check-install --packages-only >/dev/null 2>&1 && [ "$STAMP" -nt pyproject.toml ] &&
        [ "$STAMP" -nt "$lock" ]
}
if packages_ok; then
    echo "all installed in $ENV_DIR"
elif [ "$ENV_KIND" = venv ]; then
    if "$PY" -m helpers check-install --packages-only >/dev/null 2>&1; then
        echo "pyproject.toml or requirements.lock changed: updating $ENV_DIR (pip fetches only what differs)."
    elif "$PY" -c "import pandas, jupyterlab" 2>/dev/null; then
        "$PY" -m helpers check-install --packages-only 2>&1 | sed -n "s/^ *\(Python packages [nt].*\)/\1/p" || true
        echo "installing what is missing (pip fetches only that; seconds to a minute)."
    else
        echo "installing the $(grep -c '==' requirements.lock) packages pinned in requirements.lock (pandas, seaborn,"
        echo "statsmodels, JupyterLab, papermill, nbconvert, Playwright, ...) and this project into $ENV_DIR:"
        echo "about 2-5 minutes the first time (some 300 MB from PyPI), under a minute from pip's cache."
    fi
    echo "pip's progress:"
    "$PY" -m pip install --disable-pip-version-check -c requirements.lock -e ".[dev]"
else
    conda=${CONDA_EXE:-conda}
    echo "updating the conda environment $ENV_DIR from environment.yml (conda-forge packages, then this project"
    echo "with pip): several minutes the first time, less when only a few packages are missing."
    "$conda" env update --prefix "$ENV_DIR" --file environment.yml
fi

if [ "$ENV_KIND" = venv ]; then
    # pip's install names src/ by its full path; this names it relative to the venv, so that in a folder moved (or
    # copied and the original deleted) since, the helpers are found and say in one line what to do.
    "$PY" -c 'from helpers.run.project_folder import record_own_src; print(record_own_src())'
fi

step "Jupyter kernel"
"$PY" -m helpers kernel

step "Check: every package imports; Chromium, the fonts and the kernel are in place"
"$PY" -m helpers check-install --imports
echo "Set-up complete in $((SECONDS - started)) s."
