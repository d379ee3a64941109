"""Step 2 and 3 tables: counties against the province and each other; growth, trends, progress.

All inputs come from data/processed/indicators.csv and the catalogue; nothing is typed in.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .config import Catalogue, Sources, load_catalogue, load_sources
from .errors import InputError
from .growth import CATEGORY_LABELS, assess_progress
from .trends import fit_trend

OBSERVED_KINDS = ("actual", "baseline_derived")


@dataclass
class AnalysisInputs:
    indicators: pd.DataFrame
    catalogue: Catalogue
    sources: Sources
    report_year: int
    entities: list[str]

    @property
    def province(self) -> str:
        return self.sources.province

    def name_zh(self, entity: str) -> str:
        return self.sources.entity_names()[entity][0]

    def name_en(self, entity: str) -> str:
        return self.sources.entity_names()[entity][1]


def load_inputs(processed_dir: Path = paths.PROCESSED_DIR, config_dir: Path = paths.CONFIG_DIR,
                report_year: int | None = None, entities: list[str] | str | None = None) -> AnalysisInputs:
    """Read the processed dataset; default year = latest year with actuals, entities = all counties."""
    path = Path(processed_dir) / paths.INDICATORS_CSV
    if not path.exists():
        raise InputError(path, None, "the processed indicators are missing", "run `make data` first.")
    ind = pd.read_csv(path, encoding="utf-8-sig", dtype={"comparator": str, "source_unit": str})
    sources, catalogue = load_sources(config_dir), load_catalogue(config_dir)
    counties = [e for e in dict.fromkeys(ind["entity"]) if e != sources.province]
    if isinstance(entities, str):
        entities = [e.strip() for e in entities.split(",") if e.strip()]
    entities = list(entities) if entities else counties
    unknown = [e for e in entities if e not in counties]
    if unknown:
        raise InputError(path, None, f"unknown entities {unknown}; the data has {counties}",
                         "pass entity ids as they appear in the `entity` column.")
    actual_years = ind.loc[ind["kind"] == "actual", "year"]
    year = int(report_year) if report_year else int(actual_years.max())
    return AnalysisInputs(ind, catalogue, sources, year, entities)


def _series(inputs: AnalysisInputs, entity: str, indicator: str) -> pd.DataFrame:
    ind = inputs.indicators
    rows = ind[(ind["entity"] == entity) & (ind["indicator_id"] == indicator)]
    return rows


def _observed(rows: pd.DataFrame, up_to: int) -> pd.DataFrame:
    obs = rows[rows["kind"].isin(OBSERVED_KINDS) & rows["value"].notna() & (rows["year"] <= up_to)]
    return obs.sort_values(["year", "kind"]).drop_duplicates("year", keep="first")


def _target(rows: pd.DataFrame, after: int) -> pd.Series | None:
    t = rows[(rows["kind"] == "target") & rows["value"].notna() & (rows["year"] > after)].sort_values("year")
    return None if t.empty else t.iloc[0]


def _lines(*rows) -> str:
    return "; ".join(f"{r['source_file']}:{int(r['source_line'])}" for r in rows if r is not None)


# ----------------------------------------------------------------------------- step 3

def progress_table(inputs: AnalysisInputs) -> pd.DataFrame:
    """One row per county and indicator: historical and required growth, trend, progress category."""
    out = []
    for entity in inputs.entities:
        for ind_id in dict.fromkeys(inputs.indicators.loc[inputs.indicators["entity"] == entity, "indicator_id"]):
            meta = inputs.catalogue.indicators[ind_id]
            rows = _series(inputs, entity, ind_id)
            observed = _observed(rows, inputs.report_year)
            latest = observed.iloc[-1] if len(observed) else None
            base = observed.iloc[0] if len(observed) > 1 else None
            target = _target(rows, latest["year"] if latest is not None else inputs.report_year)
            progress = assess_progress(
                None if base is None else int(base["year"]), None if base is None else float(base["value"]),
                None if latest is None else int(latest["year"]), None if latest is None else float(latest["value"]),
                None if target is None else int(target["year"]), None if target is None else float(target["value"]),
                "=" if target is None else target["comparator"], meta.direction)
            target_year = int(target["year"]) if target is not None else inputs.sources.target_year
            fit = fit_trend(observed["year"].tolist(), observed["value"].tolist(), target_year,
                            bounded=meta.measure == "share",
                            target=None if target is None else float(target["value"]),
                            comparator="=" if target is None else target["comparator"], direction=meta.direction)
            out.append({
                "entity": entity, "entity_name_zh": inputs.name_zh(entity), "entity_name_en": inputs.name_en(entity),
                "indicator_id": ind_id,
                "indicator_name_zh": meta.name_zh, "indicator_name_en": meta.name_en, "unit": meta.unit,
                "measure": meta.measure, "direction": meta.direction,
                "baseline_year": None if base is None else int(base["year"]),
                "baseline_value": None if base is None else base["value"],
                "baseline_kind": None if base is None else base["kind"],
                "latest_year": None if latest is None else int(latest["year"]),
                "latest_value": None if latest is None else latest["value"],
                "target_year": None if target is None else int(target["year"]),
                "target_value": None if target is None else target["value"],
                "target_comparator": None if target is None else target["comparator"],
                "historical_growth": progress.historical_rate, "required_growth": progress.required_rate,
                # A '>' target must be exceeded: the required rate is then a lower bound.
                "required_growth_comparator": None if target is None else (
                    ">" if target["comparator"] == ">" else ">="),
                "growth_method": progress.rate_method, "progress_ratio": progress.ratio,
                "progress_category": progress.category,
                "progress_label_zh": CATEGORY_LABELS[progress.category][0],
                "progress_label_en": CATEGORY_LABELS[progress.category][1],
                "progress_reason": progress.reason, "progress_reason_zh": progress.reason_zh,
                "trend_method": fit.method, "trend_n_obs": fit.n_obs, "trend_annual_growth": fit.annual_growth,
                "trend_projection": fit.projection, "trend_pi_lower": fit.lower, "trend_pi_upper": fit.upper,
                "trend_probability_meets_target": fit.probability_meets_target, "trend_note": fit.note,
                "comparability": meta.comparability,
                "sources": _lines(*(r for _, r in observed.iterrows()), target),
            })
    frame = _numeric(pd.DataFrame(out), ("baseline_value", "latest_value", "target_value", "historical_growth",
                                         "required_growth", "progress_ratio", "trend_annual_growth",
                                         "trend_projection", "trend_pi_lower", "trend_pi_upper",
                                         "trend_probability_meets_target"))
    return frame.astype({c: "Int64" for c in ("baseline_year", "latest_year", "target_year")})


def _numeric(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Numbers as floats, missing as NaN (not None), so that the CSV and arithmetic behave."""
    for column in columns:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


# ----------------------------------------------------------------------------- step 2

def province_comparison(inputs: AnalysisInputs) -> pd.DataFrame:
    """Each county's latest actual and its target against the provincial target of the same indicator."""
    ind = inputs.indicators
    prov = ind[(ind["entity"] == inputs.province) & (ind["kind"] == "target") & ind["value"].notna()]
    out = []
    for entity in inputs.entities:
        for p in prov.itertuples():
            meta = inputs.catalogue.indicators[p.indicator_id]
            rows = _series(inputs, entity, p.indicator_id)
            if rows.empty:
                continue
            observed = _observed(rows, inputs.report_year)
            latest = observed.iloc[-1] if len(observed) else None
            target = _target(rows, inputs.report_year)
            row = {
                "comparison": "county_vs_province", "entity": entity, "entity_name_zh": inputs.name_zh(entity),
                "other": inputs.province, "other_name_zh": inputs.name_zh(inputs.province),
                "indicator_id": p.indicator_id, "indicator_name_zh": meta.name_zh, "unit": meta.unit,
                "measure": meta.measure,
                "latest_year": None if latest is None else int(latest["year"]),
                "latest_value": None if latest is None else latest["value"],
                "target_year": None if target is None else int(target["year"]),
                "target_value": None if target is None else target["value"],
                "target_comparator": None if target is None else target["comparator"],
                "other_year": int(p.year), "other_value": p.value, "other_comparator": p.comparator,
                "comparability": meta.comparability, "comparability_reason": meta.comparability_reason,
                "sources": _lines(latest, target, ind.loc[p.Index]),
            }
            if meta.measure == "total":
                # A county's head count against the province's is a share, not a gap.
                row["basis"] = "share of province"
                row["latest_share_of_province"] = _ratio(row["latest_value"], p.value)
                row["target_share_of_province"] = _ratio(row["target_value"], p.value)
            else:
                row["basis"] = "gap and ratio"
                row["latest_gap"] = _diff(row["latest_value"], p.value)
                row["latest_ratio"] = _ratio(row["latest_value"], p.value)
                row["target_gap"] = _diff(row["target_value"], p.value)
                row["target_ratio"] = _ratio(row["target_value"], p.value)
                row["target_meets_province"] = _meets(row["target_value"], row["target_comparator"], p.value,
                                                      meta.direction)
                row["latest_meets_province"] = _meets(row["latest_value"], "=", p.value, meta.direction)
            out.append(row)
    return pd.DataFrame(out)


def county_comparison(inputs: AnalysisInputs) -> pd.DataFrame:
    """County against county, only where the catalogue allows; not-comparable pairs listed with the reason."""
    ind = inputs.indicators
    out = []
    entities = inputs.entities
    have = {e: set(ind.loc[(ind["entity"] == e) & ind["value"].notna(), "indicator_id"]) for e in entities}
    for i, a in enumerate(entities):
        for b in entities[i + 1:]:
            for ind_id in sorted(have[a] & have[b], key=list(inputs.catalogue.indicators).index):
                meta = inputs.catalogue.indicators[ind_id]
                row = _pair_row(inputs, a, b, ind_id, ind_id, meta.comparability, meta.comparability_reason)
                if meta.comparability == "not_comparable":
                    row.update({k: None for k in ("latest_gap", "latest_ratio", "target_gap", "target_ratio")})
                out.append(row)
            for rel in inputs.catalogue.relations:
                x, y = rel.indicators
                for ia, ib in ((x, y), (y, x)):
                    if ia in have[a] - have[b] and ib in have[b] - have[a]:
                        out.append(_pair_row(inputs, a, b, ia, ib, rel.status, rel.reason, values_only=True))
    return pd.DataFrame(out)


def _pair_row(inputs, a, b, ind_a, ind_b, status, reason, values_only=False) -> dict:
    rows_a, rows_b = _series(inputs, a, ind_a), _series(inputs, b, ind_b)
    la, lb = _observed(rows_a, inputs.report_year), _observed(rows_b, inputs.report_year)
    la = la.iloc[-1] if len(la) else None
    lb = lb.iloc[-1] if len(lb) else None
    ta, tb = _target(rows_a, inputs.report_year), _target(rows_b, inputs.report_year)
    meta_a, meta_b = inputs.catalogue.indicators[ind_a], inputs.catalogue.indicators[ind_b]
    row = {
        "comparison": "county_vs_county", "entity": a, "entity_name_zh": inputs.name_zh(a),
        "other": b, "other_name_zh": inputs.name_zh(b), "indicator_id": ind_a,
        "indicator_name_zh": meta_a.name_zh, "other_indicator_id": ind_b, "other_indicator_name_zh": meta_b.name_zh,
        "unit": meta_a.unit, "measure": meta_a.measure,
        "latest_year": None if la is None else int(la["year"]), "latest_value": None if la is None else la["value"],
        "target_value": None if ta is None else ta["value"], "target_comparator": None if ta is None else ta["comparator"],
        "other_year": None if lb is None else int(lb["year"]), "other_value": None if lb is None else lb["value"],
        "other_target_value": None if tb is None else tb["value"],
        "comparability": status, "comparability_reason": reason, "basis": "not compared" if status ==
        "not_comparable" else "gap and ratio",
        "sources": _lines(la, ta, lb, tb),
    }
    if status != "not_comparable" and not values_only:
        row["latest_gap"] = _diff(row["latest_value"], row["other_value"])
        row["latest_ratio"] = _ratio(row["latest_value"], row["other_value"])
        row["target_gap"] = _diff(row["target_value"], row["other_target_value"])
        row["target_ratio"] = _ratio(row["target_value"], row["other_target_value"])
    return row


def comparison_table(inputs: AnalysisInputs) -> pd.DataFrame:
    frame = pd.concat([province_comparison(inputs), county_comparison(inputs)], ignore_index=True)
    frame = _numeric(frame, ("latest_value", "target_value", "other_value", "other_target_value",
                             "latest_share_of_province", "target_share_of_province", "latest_gap", "latest_ratio",
                             "target_gap", "target_ratio"))
    return frame.astype({c: "Int64" for c in ("latest_year", "target_year", "other_year") if c in frame})


def _diff(a, b):
    return None if a is None or b is None or pd.isna(a) or pd.isna(b) else a - b


def _ratio(a, b):
    return None if a is None or b is None or pd.isna(a) or pd.isna(b) or b == 0 else a / b


def _meets(value, comparator, other, direction):
    if value is None or pd.isna(value):
        return None
    if direction == "higher":
        return bool(value >= other)
    return bool(value <= other)


def write_table(frame: pd.DataFrame, name: str, processed_dir: Path = paths.PROCESSED_DIR) -> Path:
    """Write one analysis table (UTF-8 with BOM) without ever leaving a half-written file."""
    from .outputs import staged_outputs, write_csv
    with staged_outputs(Path(processed_dir)) as staging:
        write_csv(frame, staging / name)
    return Path(processed_dir) / name
