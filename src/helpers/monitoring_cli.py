"""`make template`: write the yearly monitoring workbook template."""
from __future__ import annotations

import sys
from pathlib import Path

from .config import load_catalogue, load_sources
from .errors import InputError
from .monitoring import write_template
from .paths import REPORTS_DIR, display_path

TEMPLATE = REPORTS_DIR / "monitoring-template.xlsx"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else TEMPLATE
    try:
        path = write_template(target, load_sources(), load_catalogue())
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {display_path(path)}: fill it in and save it (any name) in data/raw/monitoring/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
