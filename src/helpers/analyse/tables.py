"""The analysis tables: computed once, written to data/processed/, and read back by everything after them.

    python -m helpers analyse      (what `make analysis` runs: for the run in data/processed/run.json)

Data flow one way: raw -> processed (indicators.csv) -> analysis tables -> reports. The report notebook and
the results workbook read these tables; they never recompute them, so the report and the CSVs cannot
disagree. Beside the tables, analysis.json records what they were built for: the report year, the
counties, a fingerprint of each input file (indicators.csv and the config) and of each table. A reader
refuses tables built for other parameters or from other inputs, or changed after they were written.

A new table is one line in TABLES: (file name, function of AnalysisInputs returning a DataFrame).
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Callable

import pandas as pd

from helpers.analyse.comparison import comparison_table
from helpers.analyse.inputs import AnalysisInputs, load_inputs, load_run_inputs
from helpers.analyse.outlook import outlook_table
from helpers.analyse.progress import progress_table
from helpers.core import paths
from helpers.core.errors import InputError
from helpers.core.method import method_parameters

TABLES: list[tuple[str, Callable[[AnalysisInputs], pd.DataFrame]]] = [
    (paths.COMPARISON_CSV, comparison_table),
    (paths.TRENDS_CSV, progress_table),
    (paths.OUTLOOK_CSV, outlook_table),
]
ABOUT = ("Written by `python -m helpers analyse` (make analysis) with the tables beside it: the parameters they "
         "were built for and fingerprints of their inputs. The report and the results workbook read the tables "
         "only when these match.")


# Text columns where an empty cell is a value, not a missing one: outlook.csv's next_plan, "" for a next period
# without a name (after a plan that is not 十n五: helpers.core.periods.next_period). Read back as missing (NaN) it
# was printed "nan" in the zh brief and stopped the en report (redteam17 finding 4).
KEEP_EMPTY = ("next_plan",)


class TablesDoNotMatch(InputError):
    """The stored analysis tables are missing, or were built for other parameters or other inputs."""


def compute_tables(inputs: AnalysisInputs) -> dict[str, pd.DataFrame]:
    """Every analysis table for these inputs, in memory, typed as they are written."""
    return {name: _typed(function(inputs)) for name, function in TABLES}


def build_tables(processed_dir: Path = paths.PROCESSED_DIR, config_dir: Path = paths.CONFIG_DIR,
                 report_year: int | str | None = None, entities: list[str] | str | None = None,
                 year_must_have_data: bool = True) -> list[Path]:
    """Compute the analysis tables from the processed data and write them (what `make analysis` runs)."""
    inputs = load_inputs(processed_dir, config_dir, report_year or None, entities or None, year_must_have_data)
    return write_tables(inputs, compute_tables(inputs))


def build_tables_for_run(processed_dir: Path = paths.PROCESSED_DIR, config_dir: Path = paths.CONFIG_DIR) -> list[Path]:
    """The analysis tables of the run `make` worked out (run.json): what `python -m helpers analyse` writes."""
    inputs = load_run_inputs(processed_dir, config_dir)
    return write_tables(inputs, compute_tables(inputs))


def write_tables(inputs: AnalysisInputs, frames: dict[str, pd.DataFrame]) -> list[Path]:
    """Write the tables and then analysis.json, all or nothing: the old record is removed before the first
    table is replaced, so a run stopped half-way leaves no record (readers refuse, make reruns)."""
    from helpers.files.atomic import replaced_when_done, staged_outputs
    from helpers.files.outputs import write_csv

    folder = Path(inputs.processed_dir)
    record = {"about": ABOUT, **_parameters(inputs), "inputs": _input_fingerprints(inputs), "tables": {}}
    with staged_outputs(folder) as staging:
        for name, frame in frames.items():
            write_csv(frame, staging / name)
            record["tables"][name] = {"sha256": _sha256((staging / name).read_bytes()), "rows": len(frame),
                                      "columns": {c: str(t) for c, t in frame.dtypes.items()}}
        (folder / paths.ANALYSIS_JSON).unlink(missing_ok=True)
    with replaced_when_done(folder / paths.ANALYSIS_JSON) as partial:
        partial.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [folder / name for name in frames] + [folder / paths.ANALYSIS_JSON]


def read_tables(inputs: AnalysisInputs) -> dict[str, pd.DataFrame]:
    """The stored analysis tables, exactly as written, if they were built for these inputs; otherwise a
    TablesDoNotMatch error that says what differs and which command rebuilds them."""
    folder = Path(inputs.processed_dir)
    sidecar = folder / paths.ANALYSIS_JSON
    rebuild = (f"run `make analysis{_make_parameters(inputs)}` (`make report` with the same YEAR and ENTITIES "
               "does it too).")
    if not sidecar.exists():
        raise TablesDoNotMatch(sidecar, None, "the analysis tables have not been built (or their last run was "
                               "interrupted)", rebuild)
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
        built_for, tables = {k: record[k] for k in ("report_year", "entities")}, record["tables"]
        fingerprints = record["inputs"]
    except (ValueError, KeyError, TypeError):
        raise TablesDoNotMatch(sidecar, None, "the record of the analysis tables is damaged", rebuild) from None
    wanted = _parameters(inputs)
    if built_for != wanted:
        raise TablesDoNotMatch(sidecar, None, f"the analysis tables were built for {_describe(built_for)}, "
                               f"but this run asks for {_describe(wanted)}", rebuild)
    changed = [name for name, digest in _input_fingerprints(inputs).items() if fingerprints.get(name) != digest]
    if changed:
        raise TablesDoNotMatch(sidecar, None, f"the analysis tables were built from another version of "
                               f"{' and '.join(changed)}", rebuild)
    return {name: _read_table(folder / name, tables.get(name), inputs) for name, _ in TABLES}


def tables_for_notebook(inputs: AnalysisInputs) -> tuple[dict[str, pd.DataFrame], str]:
    """For the analysis notebooks: the stored tables when they were built for these parameters, otherwise the
    same tables computed here (shown, not written). Returns the tables and a line saying which."""
    where = paths.display_path(inputs.processed_dir)
    try:
        return read_tables(inputs), (f"表格读自 `{where}/`（`make analysis` 按这些参数写出）。"
                                     f" Tables read from `{where}/`, as `make analysis` wrote them.")
    except TablesDoNotMatch as exc:
        make = f"make analysis{_make_parameters(inputs)}"
        return compute_tables(inputs), (
            f"表格在此按当前参数计算，未写入 `{where}/`；报告读取的是 `{make}` 写出的表格。"
            f" Computed here for these parameters and not written: the report reads the tables `{make}` writes"
            f" ({exc.problem}).")


def _read_table(path: Path, written: dict | None, inputs: AnalysisInputs) -> pd.DataFrame:
    rebuild = f"delete it and run `make analysis{_make_parameters(inputs)}`: the tables are outputs, rebuilt from " \
              "data/processed/indicators.csv and config/."
    if written is None or not path.exists():
        raise TablesDoNotMatch(path, None, "this analysis table is missing", rebuild)
    content = path.read_bytes()
    if _sha256(content) != written["sha256"]:
        raise TablesDoNotMatch(path, None, "this analysis table was changed after the analysis wrote it (edited "
                               "and saved by hand, or the last analysis run was interrupted)", rebuild)
    types = {c: t for c, t in written["columns"].items() if t != "object"}
    # an empty cell is missing, except in KEEP_EMPTY's columns, where it is the empty text that was written
    missing = {c: [""] for c in written["columns"] if c not in KEEP_EMPTY}
    try:
        from helpers.files.outputs import unguard
        return unguard(pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=types | {
            c: str for c in KEEP_EMPTY if c in written["columns"]}, keep_default_na=False, na_values=missing))
    except pd.errors.EmptyDataError:     # a table with no rows and no columns
        return pd.DataFrame()


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as it reads back from its CSV, so that computed and stored tables are the same: yes/no columns
    (True, False or missing) as pandas booleans, columns with nothing in them as text, and empty text as
    missing (a CSV cannot tell them apart), except in KEEP_EMPTY's columns."""
    for column in frame.columns:
        values = frame[column].dropna()
        if column in KEEP_EMPTY:
            frame[column] = frame[column].fillna("").astype(str)
        elif frame[column].dtype == object and len(values) and values.map(lambda v: isinstance(v, bool)).all():
            frame[column] = frame[column].astype("boolean")
        elif frame[column].dtype == object and values.empty:
            frame[column] = frame[column].astype("str")
        elif pd.api.types.is_string_dtype(frame[column].dtype):
            frame[column] = frame[column].mask(frame[column] == "")
    return frame


def _parameters(inputs: AnalysisInputs) -> dict:
    return {"report_year": int(inputs.report_year), "entities": list(inputs.entities)}


def _input_fingerprints(inputs: AnalysisInputs) -> dict[str, str]:
    files = [Path(inputs.processed_dir) / paths.INDICATORS_CSV, Path(inputs.config_dir) / paths.SOURCES_FILE,
             Path(inputs.config_dir) / paths.CATALOGUE_FILE, method_parameters().path]
    return {f.name: _sha256(f.read_bytes()) for f in files}


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _describe(parameters: dict) -> str:
    return f"{parameters['report_year']} and the counties {', '.join(parameters['entities'])}"


def _make_parameters(inputs: AnalysisInputs) -> str:
    return f" YEAR={inputs.report_year} ENTITIES={','.join(inputs.entities)}"
