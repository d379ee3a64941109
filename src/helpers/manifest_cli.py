"""`make manifest`: record the checksums of the raw plan documents named in config/sources.yaml."""
from __future__ import annotations

import sys

from .config import load_sources
from .errors import InputError
from .manifest import write_manifest
from .paths import RAW_DIR, display_path


def main() -> int:
    try:
        files = [p.file for p in load_sources().plans]
        missing = [f for f in files if not (RAW_DIR / f).exists()]
        if missing:
            raise InputError(RAW_DIR / missing[0], None, "the raw plan document named in config/sources.yaml is missing",
                             "copy it into data/raw/ first.")
        path = write_manifest(RAW_DIR, files)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"recorded {len(files)} checksums in {display_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
