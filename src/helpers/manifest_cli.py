"""`make manifest`: record the checksums of the raw plan documents named in config/sources.yaml."""
from __future__ import annotations

import sys

from .config import load_sources
from .errors import InputError, exit_status
from .manifest import write_manifest
from .paths import RAW_DIR, display_path


def record_checksums() -> str:
    files = [p.file for p in load_sources().plans]
    missing = [f for f in files if not (RAW_DIR / f).exists()]
    if missing:
        raise InputError(RAW_DIR / missing[0], None, "the raw plan document named in config/sources.yaml is missing",
                         "copy it into data/raw/ first.")
    path = write_manifest(RAW_DIR, files)
    return f"recorded {len(files)} checksums in {display_path(path)}"


def main() -> int:
    return exit_status(record_checksums)


if __name__ == "__main__":
    sys.exit(main())
