"""What every analysis reads: the processed indicators for one report year and a set of counties.

All inputs come from data/processed/indicators.csv and the catalogue; nothing is typed in.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.core import paths, periods
from helpers.core.config import Catalogue, Plan, Sources, load_catalogue, load_sources
from helpers.core.errors import InputError
from helpers.core.method import use_config_dir
from helpers.core.periods import evaluated_plan
from helpers.core.records import place_of_row, place_ref
from helpers.files.fingerprint import check_built_from_current_inputs
from helpers.files.processed import check_as_written, rebuild_advice

OBSERVED_KINDS = ("actual", "baseline_derived")


@dataclass
class AnalysisInputs:
    indicators: pd.DataFrame
    catalogue: Catalogue
    sources: Sources
    report_year: int
    entities: list[str]
    # Where they were read from: the analysis tables record these files' fingerprints.
    processed_dir: Path = paths.PROCESSED_DIR
    config_dir: Path = paths.CONFIG_DIR

    @property
    def province(self) -> str:
        return self.sources.province

    def name_zh(self, entity: str) -> str:
        return self.sources.entity_names()[entity][0]

    def name_en(self, entity: str) -> str:
        return self.sources.entity_names()[entity][1]

    def plan_of(self, entity: str) -> Plan:
        """The plan the report year evaluates for this county (helpers.core.periods.evaluated_plan)."""
        return self.evaluated_plans[entity]

    @cached_property
    def evaluated_plans(self) -> dict[str, Plan]:
        """Each county's evaluated plan, found once (a province has many counties and many callers)."""
        plans: dict[str, list[Plan]] = {}
        for plan in self.sources.plans:
            plans.setdefault(plan.entity, []).append(plan)
        return {e: evaluated_plan(sorted(ps, key=lambda p: p.period.base_year), self.report_year)
                for e, ps in plans.items()}

    @cached_property
    def records(self) -> dict[tuple[str, str], list[dict]]:
        """Every (entity, indicator) series as plain records, grouped once: filtering the whole table per
        series is what made a province-wide run slow."""
        grouped: dict[tuple[str, str], list[dict]] = {}
        for record in self.indicators[RECORD_COLUMNS].to_dict("records"):
            grouped.setdefault((record["entity"], record["indicator_id"]), []).append(record)
        return grouped


def load_inputs(processed_dir: Path = paths.PROCESSED_DIR, config_dir: Path = paths.CONFIG_DIR,
                report_year: int | None = None, entities: list[str] | str | None = None,
                year_must_have_data: bool = True) -> AnalysisInputs:
    """Read the processed dataset for a year and counties given here; default year = latest year with actuals,
    entities = all counties. (`make` works its run out once instead: `load_run_inputs`.)

    The parameters are checked by helpers.run.parameters (one line on a bad value); a relative folder is read
    from the project root, as a notebook in JupyterLab gives it. A report year must have actual values,
    unless `year_must_have_data` is False (to look at a year ahead of the data, e.g. a new plan's first)."""
    from helpers.run import parameters
    processed_dir = parameters.folder(processed_dir, paths.PROCESSED_DIR, "processed_dir")
    config_dir = parameters.folder(config_dir, paths.CONFIG_DIR, "config_dir")
    use_config_dir(config_dir)      # its method.yaml, as its sources.yaml and catalogue.yaml
    parameters.parse_year(report_year)     # a malformed year is said first, before any file is read
    _check_dataset(processed_dir, config_dir)
    chosen, _ = parameters.check_entities(entities, config_dir)
    years = parameters.years_with_data(processed_dir, chosen)
    if year_must_have_data or report_year in (None, ""):
        year = parameters.check_year(report_year, years,
                                     places=lambda y: parameters.where_actuals_are(processed_dir, chosen, y))
    else:
        year = parameters.parse_year(report_year)
    return _read(processed_dir, config_dir, year, chosen)


def load_run_inputs(processed_dir: Path = paths.PROCESSED_DIR, config_dir: Path = paths.CONFIG_DIR,
                    run=None) -> AnalysisInputs:
    """The inputs of the run `make` worked out (data/processed/run.json): its year and counties, read, checked
    against the data it was worked out from, and never worked out again."""
    from helpers.run import parameters
    processed_dir = parameters.folder(processed_dir, paths.PROCESSED_DIR, "processed_dir")
    config_dir = parameters.folder(config_dir, paths.CONFIG_DIR, "config_dir")
    use_config_dir(config_dir)      # its method.yaml, as its sources.yaml and catalogue.yaml
    _check_dataset(processed_dir, config_dir)
    run = run or parameters.read_run(processed_dir, config_dir)
    return _read(processed_dir, config_dir, run.year, list(run.entities))


def notebook_inputs(processed_dir=None, config_dir=None, report_year=None, entities=None) -> AnalysisInputs:
    """For the analysis notebooks: with no year and no counties given, the run `make` worked out (run.json, when
    there is one); otherwise the year and counties given, to look at others in JupyterLab."""
    from helpers.run import parameters
    given = parameters.parse_year(report_year) is not None or not parameters.no_entities_given(entities)
    processed = parameters.processed_folder(processed_dir)     # (a folder the data step wrote in, or said so)
    parameters.config_folder(config_dir)                        # (one that holds the config files, or said so)
    if given or not (processed / paths.RUN_JSON).exists():
        return load_inputs(processed_dir, config_dir, report_year, entities)
    return load_run_inputs(processed_dir, config_dir)


def _check_dataset(processed_dir: Path, config_dir: Path) -> None:
    """The dataset is exactly what the data step wrote, from the inputs as they are now, or a clear refusal that
    says how to rebuild it. (make checks the inputs before every run; JupyterLab does not: this is the check.)"""
    check_as_written(processed_dir)
    check_built_from_current_inputs(processed_dir, config_dir)


def _read(processed_dir: Path, config_dir: Path, year: int, chosen: list[str]) -> AnalysisInputs:
    path = check_as_written(processed_dir)     # exactly what the data step wrote, or a clear refusal
    from helpers.files.outputs import unguard
    ind = unguard(pd.read_csv(path, encoding="utf-8-sig", dtype={"comparator": str, "source_unit": str, "plan": str}))
    if "plan" not in ind:
        raise InputError(path, None, "the processed indicators have no `plan` column (they predate plan periods)",
                         rebuild_advice(path))
    ind["plan"] = ind["plan"].fillna("")
    ind = with_plan_flags(ind)
    sources, catalogue = load_sources(config_dir), load_catalogue(config_dir)
    # each plan with the period the data step read it by (an entry without plan_period: its document's title's)
    sources = periods.as_read(sources, zip(ind["source_file"], ind["plan"]))
    counties = [e for e in dict.fromkeys(ind["entity"]) if e != sources.province]
    stale = [e for e in counties if not sources.plans_of(e)]
    absent = [e for e in chosen if e not in counties]
    if stale or absent:
        raise InputError(path, None, f"the processed data do not match config/sources.yaml (counties "
                         f"{', '.join(stale or absent)} are only in one of them)",
                         "run `make data` to rebuild the processed data from the current configuration.")
    return AnalysisInputs(ind, catalogue, sources, year, chosen, Path(processed_dir), Path(config_dir))


RECORD_COLUMNS = ["entity", "indicator_id", "year", "kind", "value", "comparator", "source_file", "source_line",
                  "source_sheet", "source_cell",
                  "plan", "source_place", "attribute", "approximate", "cumulative", "estimated", "note_values",
                  "origin"]
BINDING = "约束性"   # the 属性 of a binding target (the other: 预期性, expected)


def with_plan_flags(ind: pd.DataFrame) -> pd.DataFrame:
    """What the plan's table says of each figure (属性, 左右, 〔〕 cumulative, 预计), typed: text empty, not
    NaN; flags True or False."""
    ind["attribute"] = ind["attribute"].astype(object).fillna("").astype(str) if "attribute" in ind else ""
    for flag in ("approximate", "cumulative", "estimated"):
        ind[flag] = ind[flag].fillna(False).astype(bool) if flag in ind else False
    return ind


def cited_rows(inputs: AnalysisInputs) -> pd.DataFrame:
    """The rows a report on the report year can cite among its sources: every target, and the observed values up to
    that year. An actual of a later year (a workbook row typed 2029 in a report on 2025) is used by no analysis
    (observed_up_to), so it is no source of the report's figures."""
    ind = inputs.indicators
    return ind[(ind["kind"] == "target") | (ind["year"] <= inputs.report_year)]


def series(inputs: AnalysisInputs, entity: str, indicator: str) -> list[dict]:
    """One entity's rows for one indicator, as plain records."""
    return inputs.records.get((entity, indicator), [])


def has_value(record: dict) -> bool:
    return record["value"] is not None and not pd.isna(record["value"])


def observed_up_to(records: list[dict], up_to: int, estimate_year: int | None = None) -> list[dict]:
    """Actual and baseline observations up to a year, one per year (an actual wins over a derived one).

    An estimate (a plan's 预计 column, e.g. a 十五五 plan's 2025年（预计）) is not an actual: it is left out, except
    in `estimate_year`, the base year of the plan evaluated, where it is that plan's own base (marked 预计)."""
    obs = sorted((r for r in records if r["kind"] in OBSERVED_KINDS and has_value(r) and r["year"] <= up_to
                  and not r.get("cumulative")   # a cumulative figure (〔〕) is a sum over years, not a level
                  and (not r.get("estimated") or r["year"] == estimate_year)),
                 key=lambda r: (r["year"], r["kind"]))
    out, years = [], set()
    for r in obs:
        if r["year"] not in years:
            years.add(r["year"])
            out.append(r)
    return out


# The data step's notes on a figure that is the year's preliminary count (快报, 初步统计: counted, may be revised),
# read as its actual: a plan's cell (15.2（快报）) or column (2025年（快报）), a workbook row's 备注, a workbook sheet's
# or file's name, a note on the sheet (注：2025年数据为快报数, or a legend by colour: 标黄的为快报数).
PRELIMINARY_NOTES = ("preliminary_in_cell", "preliminary_column", "preliminary_in_note", "preliminary_name",
                     "preliminary_by_sheet_note")


def is_preliminary(record: dict | None) -> bool:
    """Whether a figure is a preliminary count, as the data step noted it (PRELIMINARY_NOTES). Before, only a plan's
    cell was: a workbook's 快报 was judged with no mark (issue 18)."""
    notes = None if record is None else record.get("note_values")
    return isinstance(notes, str) and any(f'"{code}"' in notes for code in PRELIMINARY_NOTES)


def estimate_only(records: list[dict], year: int) -> dict | None:
    """A plan's estimate (预计) of a year's figure, where it is all there is of that year (no actual)."""
    return next((r for r in records if r["kind"] in OBSERVED_KINDS and has_value(r) and r["year"] == year
                 and r.get("estimated") and not r.get("cumulative")), None)


def plan_target(records: list[dict], plan: Plan) -> dict | None:
    """The plan's target: its target year's target row, from the plan's own document where there is one.

    Never "the next target after the latest actual": a target-year actual must not hide its own target."""
    year = plan.period.target_year
    targets = [r for r in records if r["kind"] == "target" and has_value(r) and r["year"] == year]
    own = [r for r in targets if r.get("plan") == plan.period.name]
    return (own or targets or [None])[0]


def source_lines(*rows) -> str:
    """Where the values are, in a form no language needs to translate (records.place_ref)."""
    return "; ".join(place_ref(place_of_row(r)) for r in rows if r is not None)

def as_numeric(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Numbers as floats, missing as NaN (not None), so that the CSV and arithmetic behave."""
    for column in columns:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def difference(a, b):
    return None if a is None or b is None or pd.isna(a) or pd.isna(b) else a - b


def ratio(a, b):
    return None if a is None or b is None or pd.isna(a) or pd.isna(b) or b == 0 else a / b

