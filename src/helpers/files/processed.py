"""Reading the processed tables back: the contract between the data step and the later steps."""
from __future__ import annotations

from pathlib import Path

# Whole numbers that some rows leave empty (a file-level cleaning decision has no line): written as
# nullable integers, and read back the same way, so that a line prints as 97, not 97.0.
INTEGER_COLUMNS = ("year", "source_line", "table_line", "prose_line")


def read_processed(processed_dir: Path, name: str):
    """A processed CSV as it was written, with its integer columns kept integer."""
    import pandas as pd

    from helpers.files.outputs import unguard
    frame = unguard(pd.read_csv(Path(processed_dir) / name, encoding="utf-8-sig"))
    return frame.astype({c: "Int64" for c in INTEGER_COLUMNS if c in frame})
