"""`make template`: write the yearly monitoring workbook template."""
from __future__ import annotations

import sys
from pathlib import Path

from .config import load_catalogue, load_sources
from .errors import exit_status
from .monitoring import write_template
from .paths import REPORTS_DIR, display_path

TEMPLATE = REPORTS_DIR / "monitoring-template.xlsx"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else TEMPLATE

    def write() -> str:
        path = write_template(target, load_sources(), load_catalogue())
        return f"wrote {display_path(path)}: fill it in and save it (any name) in data/raw/monitoring/"
    return exit_status(write)


if __name__ == "__main__":
    sys.exit(main())
