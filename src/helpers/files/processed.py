"""Reading the processed tables back: the contract between the data step and the later steps.

Every processed file is read only while it is, byte for byte, what the data step wrote: build_info.json
beside it records each output's sha256. A figure edited by hand in Excel, a file truncated, emptied or saved
in another encoding is refused, with the command that rebuilds it, before any of it reaches a report.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers.core import paths
from helpers.core.errors import InputError, refuse_special_file

# Whole numbers that some rows leave empty (a file-level cleaning decision has no line): written as
# nullable integers, and read back the same way, so that a line prints as 97, not 97.0.
INTEGER_COLUMNS = ("year", "source_line", "table_line", "prose_line")


# The data step's tables. (The analysis tables beside them have their own record, analysis.json.)
DATA_STEP_TABLES = (paths.INDICATORS_CSV, paths.CONSISTENCY_CSV, paths.CHECKS_CSV, paths.CLEANING_LOG_CSV)


# Every file the steps read back from the processed folder: the data step's, the run's, the analysis's.
READ_BACK = (*DATA_STEP_TABLES, paths.BUILD_INFO_JSON, paths.INPUTS_JSON, paths.RUN_JSON, paths.ANALYSIS_JSON,
             paths.COMPARISON_CSV, paths.TRENDS_CSV, paths.OUTLOOK_CSV)


def check_read_back(processed_dir: Path) -> None:
    """None of the files the steps read back from `processed_dir` is a named pipe, a socket or a device (reading one
    would hang the step): checked by make's first step on every run, and by every reader of the processed data."""
    for name in READ_BACK:
        path = Path(processed_dir) / name
        refuse_special_file(path, f"delete it (`rm \"{paths.display_path(path)}\"`) and run make again: it is an "
                            "output, which the steps write again.")


def sha256(path: Path) -> str:
    refuse_special_file(path)
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def rebuild_advice(path: Path) -> str:
    """How to rebuild a processed file from data/raw/, in words that work: `make data` alone would find the
    file newer than its inputs and do nothing, so the file goes first."""
    folder = Path(path).parent
    where = "" if folder.resolve() == paths.PROCESSED_DIR.resolve() else \
        f' PROCESSED_DIR="{paths.display_path(folder)}" (with the RAW_DIR and CONFIG_DIR it was built from)'
    return (f'delete it and rebuild it from data/raw/: `rm "{paths.display_path(path)}" && make data{where}`. '
            "To change a figure, correct the plan document or monitoring workbook in data/raw/ instead: the "
            "processed files are outputs, and each value must keep the source it was read from.")


def check_as_written(processed_dir: Path, name: str = paths.INDICATORS_CSV) -> Path:
    """The processed file's path, if it is exactly what the data step wrote; otherwise an InputError that
    says so and how to rebuild it."""
    folder = Path(processed_dir)
    path = folder / name
    check_read_back(folder)
    if not path.exists():
        raise InputError(path, None, "the processed data are missing", "run `make data` first.")
    try:
        record = json.loads((folder / paths.BUILD_INFO_JSON).read_text(encoding="utf-8"))
        written = record["outputs"][name]
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(path, None, f"there is no record of what the data step wrote ({paths.BUILD_INFO_JSON} "
                         "beside it is missing, damaged or from an older version), so its figures cannot be "
                         "trusted", rebuild_advice(path)) from None
    if sha256(path) != written:
        raise InputError(path, None, "the file is not what the data step wrote: it was changed afterwards (edited "
                         "and saved by hand, e.g. in Excel or WPS, truncated or emptied), so its figures are no "
                         "longer the ones read from the plans", rebuild_advice(path))
    return path


def read_processed(processed_dir: Path, name: str):
    """A processed CSV as it was written, with its integer columns kept integer."""
    import pandas as pd

    from helpers.files.outputs import unguard
    path = check_as_written(processed_dir, name) if name in DATA_STEP_TABLES else Path(processed_dir) / name
    frame = unguard(pd.read_csv(path, encoding="utf-8-sig"))
    return frame.astype({c: "Int64" for c in INTEGER_COLUMNS if c in frame})
