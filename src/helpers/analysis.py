"""Step 2 and 3 tables: counties against the province and each other; growth, trends, progress.

All inputs come from data/processed/indicators.csv and the catalogue; nothing is typed in.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
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

    @cached_property
    def records(self) -> dict[tuple[str, str], list[dict]]:
        """Every (entity, indicator) series as plain records, grouped once: filtering the whole table per
        series is what made a province-wide run slow."""
        grouped: dict[tuple[str, str], list[dict]] = {}
        for record in self.indicators[RECORD_COLUMNS].to_dict("records"):
            grouped.setdefault((record["entity"], record["indicator_id"]), []).append(record)
        return grouped


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


RECORD_COLUMNS = ["entity", "indicator_id", "year", "kind", "value", "comparator", "source_file", "source_line"]


def _series(inputs: AnalysisInputs, entity: str, indicator: str) -> list[dict]:
    """One entity's rows for one indicator, as plain records."""
    return inputs.records.get((entity, indicator), [])


def _has_value(record: dict) -> bool:
    return record["value"] is not None and not pd.isna(record["value"])


def _observed(records: list[dict], up_to: int) -> list[dict]:
    """Actual and baseline observations up to a year, one per year (an actual wins over a derived one)."""
    obs = sorted((r for r in records if r["kind"] in OBSERVED_KINDS and _has_value(r) and r["year"] <= up_to),
                 key=lambda r: (r["year"], r["kind"]))
    out, years = [], set()
    for r in obs:
        if r["year"] not in years:
            years.add(r["year"])
            out.append(r)
    return out


def _target(records: list[dict], after: int) -> dict | None:
    targets = [r for r in records if r["kind"] == "target" and _has_value(r) and r["year"] > after]
    return min(targets, key=lambda r: r["year"]) if targets else None


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
            latest = observed[-1] if observed else None
            base = observed[0] if len(observed) > 1 else None
            target = _target(rows, latest["year"] if latest is not None else inputs.report_year)
            progress = assess_progress(
                None if base is None else int(base["year"]), None if base is None else float(base["value"]),
                None if latest is None else int(latest["year"]), None if latest is None else float(latest["value"]),
                None if target is None else int(target["year"]), None if target is None else float(target["value"]),
                "=" if target is None else target["comparator"], meta.direction)
            target_year = int(target["year"]) if target is not None else inputs.sources.target_year
            fit = fit_trend([r["year"] for r in observed], [r["value"] for r in observed], target_year,
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
                "sources": _lines(*observed, target),
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
            if not rows:
                continue
            observed = _observed(rows, inputs.report_year)
            latest = observed[-1] if observed else None
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
                "sources": _lines(latest, target, ind.loc[p.Index].to_dict()),
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


# Up to this many counties every pair is compared; beyond it (a whole province) each county is compared
# with the median of its peers, which grows with N instead of N².
PAIRWISE_MAX = 6
PEERS = "peer_median"


def county_comparison(inputs: AnalysisInputs) -> pd.DataFrame:
    """County against county, only where the catalogue allows; not-comparable pairs listed with the reason."""
    if len(inputs.entities) > PAIRWISE_MAX:
        return peer_comparison(inputs)
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


def peer_comparison(inputs: AnalysisInputs) -> pd.DataFrame:
    """Each county against the median of the other counties, indicator by indicator.

    Caveats travel as in the pairwise comparison; an indicator that is not comparable between counties
    is listed with its reason and not compared; look-alike pairs (catalogue relations) are listed once.
    """
    ind = inputs.indicators
    counties = ind[ind["entity"].isin(inputs.entities) & ind["value"].notna()]
    latest = (counties[counties["kind"].isin(OBSERVED_KINDS) & (counties["year"] <= inputs.report_year)]
              .sort_values("year").groupby(["indicator_id", "entity"]).tail(1))
    targets = (counties[(counties["kind"] == "target") & (counties["year"] > inputs.report_year)]
               .sort_values("year").groupby(["indicator_id", "entity"]).head(1))
    out = []
    for ind_id, group in latest.groupby("indicator_id", sort=False):
        meta = inputs.catalogue.indicators[ind_id]
        tgt = targets[targets["indicator_id"] == ind_id].set_index("entity")
        if len(group) < 2:
            continue
        values = group["value"].to_numpy(dtype=float)
        target_by_entity = tgt["value"].to_dict()
        for i, r in enumerate(group.itertuples()):
            peer_latest = float(np.median(np.delete(values, i)))
            peer_targets = [v for e, v in target_by_entity.items() if e != r.entity]
            peer_target = float(np.median(peer_targets)) if peer_targets else None
            target = target_by_entity.get(r.entity)
            row = {
                "comparison": "county_vs_peers", "entity": r.entity, "entity_name_zh": inputs.name_zh(r.entity),
                "other": PEERS, "other_name_zh": f"其他{len(values) - 1}个县市中位数", "indicator_id": ind_id,
                "indicator_name_zh": meta.name_zh, "other_indicator_id": ind_id,
                "other_indicator_name_zh": meta.name_zh, "unit": meta.unit, "measure": meta.measure,
                "latest_year": int(r.year), "latest_value": r.value,
                "target_value": target, "target_comparator": tgt["comparator"].get(r.entity),
                "other_value": peer_latest, "other_target_value": peer_target,
                "rank_latest": int((values > r.value).sum()) + 1 if meta.direction == "higher"
                else int((values < r.value).sum()) + 1,
                "rank_of": len(group),
                "comparability": meta.comparability, "comparability_reason": meta.comparability_reason,
                "basis": "not compared" if meta.comparability == "not_comparable" else "gap and ratio",
                "sources": f"{r.source_file}:{int(r.source_line)}",
            }
            if meta.comparability != "not_comparable":
                row["latest_gap"] = _diff(r.value, peer_latest)
                row["latest_ratio"] = _ratio(r.value, peer_latest)
                row["target_gap"] = _diff(target, peer_target)
                row["target_ratio"] = _ratio(target, peer_target)
            out.append(row)
    have = {e: set(latest.loc[latest["entity"] == e, "indicator_id"]) for e in inputs.entities}
    for rel in inputs.catalogue.relations:
        x, y = rel.indicators
        with_x = [e for e in inputs.entities if x in have[e] and y not in have[e]]
        with_y = [e for e in inputs.entities if y in have[e] and x not in have[e]]
        if with_x and with_y:
            out.append({"comparison": "county_vs_peers", "entity": with_x[0], "entity_name_zh":
                        f"{len(with_x)}个县市", "other": with_y[0], "other_name_zh": f"{len(with_y)}个县市",
                        "indicator_id": x, "indicator_name_zh": inputs.catalogue.indicators[x].name_zh,
                        "other_indicator_id": y, "other_indicator_name_zh": inputs.catalogue.indicators[y].name_zh,
                        "comparability": rel.status, "comparability_reason": rel.reason, "basis": "not compared"})
    return pd.DataFrame(out)


def _pair_row(inputs, a, b, ind_a, ind_b, status, reason, values_only=False) -> dict:
    rows_a, rows_b = _series(inputs, a, ind_a), _series(inputs, b, ind_b)
    la, lb = _observed(rows_a, inputs.report_year), _observed(rows_b, inputs.report_year)
    la = la[-1] if la else None
    lb = lb[-1] if lb else None
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
    frame = _numeric(frame, ("latest_value", "target_value", "other_value", "other_target_value", "rank_latest", "rank_of",
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
    from .atomic import replaced_when_done
    from .outputs import write_csv
    path = Path(processed_dir) / name
    with replaced_when_done(path) as partial:
        write_csv(frame, partial)
    return path
