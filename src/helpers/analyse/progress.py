"""Growth, trends and progress for each county and indicator (trends.csv)."""
from __future__ import annotations

import pandas as pd

from helpers.analyse.growth import assess_progress, category_label
from helpers.analyse.inputs import (
    AnalysisInputs,
    as_numeric,
    next_target,
    observed_up_to,
    series,
    source_lines,
)
from helpers.analyse.trends import fit_trend


def progress_table(inputs: AnalysisInputs) -> pd.DataFrame:
    """One row per county and indicator: historical and required growth, trend, progress category."""
    out = []
    for entity in inputs.entities:
        for ind_id in dict.fromkeys(inputs.indicators.loc[inputs.indicators["entity"] == entity, "indicator_id"]):
            meta = inputs.catalogue.indicators[ind_id]
            rows = series(inputs, entity, ind_id)
            observed = observed_up_to(rows, inputs.report_year)
            latest = observed[-1] if observed else None
            base = observed[0] if len(observed) > 1 else None
            target = next_target(rows, latest["year"] if latest is not None else inputs.report_year)
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
                "progress_label_zh": category_label(progress.category, "zh"),
                "progress_label_en": category_label(progress.category, "en"),
                "progress_reason": progress.reason, "progress_reason_zh": progress.reason_zh,
                "trend_method": fit.method, "trend_n_obs": fit.n_obs, "trend_annual_growth": fit.annual_growth,
                "trend_projection": fit.projection, "trend_pi_lower": fit.lower, "trend_pi_upper": fit.upper,
                "trend_probability_meets_target": fit.probability_meets_target, "trend_note": fit.note,
                "comparability": meta.comparability,
                "sources": source_lines(*observed, target),
            })
    frame = as_numeric(pd.DataFrame(out), ("baseline_value", "latest_value", "target_value", "historical_growth",
                                         "required_growth", "progress_ratio", "trend_annual_growth",
                                         "trend_projection", "trend_pi_lower", "trend_pi_upper",
                                         "trend_probability_meets_target"))
    return frame.astype({c: "Int64" for c in ("baseline_year", "latest_year", "target_year")})
