"""Reading the processed tables back: the contract between the data step and the later steps.

`latest_actual_year` uses the standard library only, so that a no-change `make report` stays fast.
"""
from __future__ import annotations

import csv
from pathlib import Path

from helpers.core import paths
from helpers.core.errors import InputError

# Whole numbers that some rows leave empty (a file-level cleaning decision has no line): written as
# nullable integers, and read back the same way, so that a line prints as 97, not 97.0.
INTEGER_COLUMNS = ("year", "source_line", "table_line", "prose_line")


def read_processed(processed_dir: Path, name: str):
    """A processed CSV as it was written, with its integer columns kept integer."""
    import pandas as pd

    from helpers.files.outputs import unguard
    frame = unguard(pd.read_csv(Path(processed_dir) / name, encoding="utf-8-sig"))
    return frame.astype({c: "Int64" for c in INTEGER_COLUMNS if c in frame})


def latest_actual_year(processed_dir: Path = paths.PROCESSED_DIR) -> int:
    """The latest year with an actual value: the report's default year."""
    path = Path(processed_dir) / paths.INDICATORS_CSV
    if not path.exists():
        raise InputError(path, None, "the processed indicators are missing", "run `make data` first.")
    with open(path, encoding="utf-8-sig", newline="") as f:
        return max(int(row["year"]) for row in csv.DictReader(f) if row["kind"] == "actual" and row["value"] != "")
