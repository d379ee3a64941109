"""Print the latest year with actual values in the processed data (the report's default year).

Reads the CSV with the standard library only, so that a no-change `make report` stays fast.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from .paths import INDICATORS_CSV, PROCESSED_DIR


def latest_actual_year(processed_dir: Path = PROCESSED_DIR) -> int:
    with open(Path(processed_dir) / INDICATORS_CSV, encoding="utf-8-sig", newline="") as f:
        return max(int(row["year"]) for row in csv.DictReader(f) if row["kind"] == "actual" and row["value"] != "")


if __name__ == "__main__":
    print(latest_actual_year(Path(sys.argv[1]) if len(sys.argv) > 1 else PROCESSED_DIR))
