"""Tables the analysis notebooks show an analyst: the comparison and the progress results.

Each returns a pandas Styler (helpers.core.formatting.table_view: text left-aligned, numbers right-aligned, no
index); the table itself is its `.data`. Every heading and word is the wording's (views.*, in the notebook's
language: Chinese unless lang="en"); the tables hold codes and values.
"""
from __future__ import annotations

import pandas as pd

from helpers.analyse.evaluation import shown_rate, shown_ratio, shown_shares
from helpers.analyse.growth import RATE_CAGR, category_label
from helpers.analyse.outlook import row_period
from helpers.analyse.progress import verdict_label
from helpers.core.formatting import bound_text, interval, literal, number, percent, projection, table_view
from helpers.core.method import KEYS, method_parameters
from helpers.core.periods import period_label
from helpers.core.wording import Wording, notes_text, words


def _pct(x) -> str:
    return percent(x, missing="")


def _num(x) -> str:
    return number(x, missing="")


def _growth(rates, methods, w: Wording) -> list[str]:
    """Annual growths as the report writes them: a rate (6.8%), or, where a value is 0 and a rate is undefined (the
    growth method is then RATE_ABSOLUTE), a change per year in the indicator's unit (0.2/年), never a percentage."""
    return [_pct(r) if m == RATE_CAGR else (w("views.per_year", value=_num(r)) if _num(r) else "")
            for r, m in zip(rates, pd.Series(methods).fillna(""))]


def _ratio(x) -> str:
    return "" if pd.isna(x) else f"{x:.2f}"


def _view(columns: dict, w: Wording):
    """A table under the wording's headings (views.headers.<id>)."""
    headers = w.table("views.headers")
    return table_view(pd.DataFrame({headers[key]: values for key, values in columns.items()}))


def _signed(values, comparators=None) -> list[str]:
    """Values as written, an actual recorded as a bound with its comparator and its number rounded toward it
    (>19.9: helpers.core.formatting.bound_text); '' where there is none."""
    comparators = [None] * len(values) if comparators is None else comparators
    return [bound_text(v, c, missing="") for v, c in zip(values, comparators)]


def _year_value(w: Wording, years, values, comparators=None) -> list[str]:
    """'2025: 15.1', and '2025: >19.9' for an actual recorded as a bound (its comparator)."""
    return [w("views.year_value", year="" if pd.isna(y) else int(y), value=text).strip()
            for y, text in zip(years, _signed(values, comparators))]


def _target(comparators, values) -> pd.Series:
    return comparators.fillna("").replace("=", "") + values.map(_num)


def _in_words(codes: pd.Series, w: Wording, key: str) -> pd.Series:
    table = w.table(key)
    return codes.map(lambda c: table.get(c, c) if isinstance(c, str) else "")


def setting(inputs, lang: str = "zh") -> str:
    """The notebook's first line, as Markdown: the report year and the counties, their names shown as written."""
    w = words(lang)
    names = [inputs.name_zh(e) if lang == "zh" else inputs.name_en(e) for e in inputs.entities]
    return w("views.setting", year=literal(inputs.report_year), counties=literal(w("views.list_sep").join(names)))


def method_view(lang: str = "zh"):
    """The method's parameters the tables below were judged with (config/method.yaml)."""
    w, configured = words(lang), method_parameters()
    labels = w.table("views.method")
    values = {"progress.on_track": configured.on_track, "progress.needs_acceleration": configured.needs_acceleration,
              "progress.limited_progress": configured.limited_progress,
              "schedule_tolerance_points": configured.schedule_tolerance * 100,
              "many_counties": configured.many_counties, "prediction_intervals.wide": configured.wide_level * 100,
              "prediction_intervals.narrow": configured.narrow_level * 100}
    keys = [k for k in KEYS if k in labels]
    return _view({"parameter": [labels[k] for k in keys], "value": [f"{values[k]:g}" for k in keys],
                  "key": keys}, w)


def province_view(comparison: pd.DataFrame, lang: str = "zh"):
    w = words(lang)
    c = comparison[comparison["comparison"] == "county_vs_province"]
    share = c["basis"] == "share of province"
    return _view({
        "county": c[f"entity_name_{lang}"], "indicator": c[f"indicator_name_{lang}"], "unit": c["unit"],
        "plan": c["plan"],
        "latest_actual": _year_value(w, c["latest_year"], c["latest_value"], c.get("latest_comparator")),
        "plan_target": [w("views.year_value", year="" if pd.isna(y) else int(y), value=t).strip()
                        for y, t in zip(c["target_year"], _target(c["target_comparator"], c["target_value"]))],
        "province_target": _year_value(w, c["other_year"], c["other_value"]),
        "basis": _in_words(c["basis"], w, "workbook.values.basis"),
        "latest_vs_province": [_pct(s) if b else _pct(r) for b, s, r in
                               zip(share, c.get("latest_share_of_province"), c.get("latest_ratio"))],
        "target_vs_province": [_pct(s) if b else _pct(r) for b, s, r in
                               zip(share, c.get("target_share_of_province"), c.get("target_ratio"))],
        "target_meets_province": c.get("target_meets_province").map(
            {True: w("workbook.values.yes"), False: w("workbook.values.no")}).fillna("—"),
        "comparability": c["comparability"],
        "note": c["comparability_reason"].where(c["comparability"] != "same", ""),
    }, w)


def county_view(comparison: pd.DataFrame, lang: str = "zh"):
    w = words(lang)
    c = comparison[(comparison["comparison"] == "county_vs_county") & (comparison["comparability"] != "not_comparable")]
    if c.empty:  # one county: nothing to compare it with
        return table_view(pd.DataFrame())
    # each figure with its year, as province_view has them: counties on different plan periods set a 2020 actual
    # beside a 2026 one, and a 2025 target beside a 2030 one
    none = pd.Series(None, index=c.index, dtype=object)
    return _view({
        "indicator": c[f"indicator_name_{lang}"], "unit": c["unit"],
        "county_a": c[f"entity_name_{lang}"],
        "a_latest": _year_value(w, c["latest_year"], c["latest_value"], c.get("latest_comparator")),
        "a_target": _year_value(w, c.get("target_year", none), c["target_value"]),
        "county_b": c[f"other_name_{lang}"] if f"other_name_{lang}" in c else c["other_name_zh"],
        "b_latest": _year_value(w, c["other_year"], c["other_value"], c.get("other_comparator")),
        "b_target": _year_value(w, c.get("other_target_year", none), c["other_target_value"]),
        "latest_a_over_b": c["latest_ratio"].map(_ratio),
        "comparability": c["comparability"],
        "note": c["comparability_reason"].where(c["comparability"] != "same", ""),
    }, w)


def not_comparable_view(comparison: pd.DataFrame, lang: str = "zh"):
    w = words(lang)
    c = comparison[comparison["comparability"] == "not_comparable"]
    if c.empty:
        return table_view(pd.DataFrame())
    return _view({
        "county_a_indicator": [w("views.county_indicator", county=a, indicator=i)
                               for a, i in zip(c["entity_name_zh"], c["indicator_name_zh"])],
        "county_b_indicator": [w("views.county_indicator", county=b, indicator=i)
                               for b, i in zip(c["other_name_zh"], c["other_indicator_name_zh"])],
        "not_comparable_reason": c["comparability_reason"],
    }, w)


def progress_view(progress: pd.DataFrame, lang: str = "zh"):
    w = words(lang)
    p = progress
    return _view({
        "county": p[f"entity_name_{lang}"], "indicator": p[f"indicator_name_{lang}"], "unit": p["unit"],
        "baseline": _year_value(w, p["baseline_year"], p["baseline_value"]),
        "latest": _year_value(w, p["latest_year"], p["latest_value"], p.get("latest_comparator")),
        "target": [w("views.year_value", year="" if pd.isna(y) else int(y), value=t).strip()
                   for y, t in zip(p["target_year"], _target(p["target_comparator"], p["target_value"]))],
        "historical_growth": _growth(p["historical_growth"], p["growth_method"], w),
        "required_growth": [{">": w("views.more_than"), "<": w("views.less_than")}.get(comparator, "") + g
                            for g, comparator in zip(_growth(p["required_growth"], p["growth_method"], w),
                                                     p["required_growth_comparator"])],
        "ratio": p["progress_ratio"].map(lambda r: shown_ratio(r, missing="")),     # on its category's side
        "progress": p["progress_category"].map(lambda c: category_label(c, lang)),
        "note": p["progress_notes"].map(lambda n: notes_text(n, w, "progress_notes")),
        "trend_method": p["trend_method"],
    }, w)


def plan_view(progress: pd.DataFrame, lang: str = "zh"):
    """The plan judgement per county and indicator: 完成进度 against 序时进度 in the period; met or not, 完成率 and
    the gap at the final evaluation; Open SDG's ratio from the plan's base year."""
    w = words(lang)
    p = progress
    met = w.table("plan_cycle.met")
    return _view({
        "county": p[f"entity_name_{lang}"], "plan": p["plan"], "indicator": p[f"indicator_name_{lang}"],
        "unit": p["unit"], "direction": _in_words(p["direction"], w, "workbook.values.direction"),
        "base_value": _year_value(w, p["base_year"], p["base_value"]),
        "evaluated_value": _year_value(w, p["evaluated_year"], p["evaluated_value"], p.get("evaluated_comparator")),
        "target": _target(p["target_comparator"], p["target_value"]),
        # the figures beside a judgement on its side of the line (helpers.core.formatting.places_beside)
        "progress_share": [shown_shares(a, b, missing="")[0] for a, b in zip(p["progress_share"], p["schedule_share"])],
        "schedule_share": [shown_shares(a, b, missing="")[1] for a, b in zip(p["progress_share"], p["schedule_share"])],
        # the one judgement (verdict): 已达目标 where the latest actual already meets the target, not 快于序时进度
        "judgement": [verdict_label(v, lang) if isinstance(j, str) and j else ""
                      for v, j in zip(p["verdict"], p["schedule_judgement"])],
        "final": p["target_met"].map(lambda m: "" if pd.isna(m) else met["yes" if m else "no"]),
        "completion_rate": p["completion_rate"].map(lambda r: shown_rate(r, missing="")),
        "gap": p["gap_to_target"].map(_num),
        "growth_since_base": _growth(p["observed_growth_since_base"], p["sdg_growth_method"], w),
        "growth_base_to_target": _growth(p["required_growth_base_to_target"], p["sdg_growth_method"], w),
        "sdg_ratio": p["sdg_progress_ratio"].map(lambda r: shown_ratio(r, missing="")),
        "note": p["evaluation_notes"].map(lambda n: notes_text(n, w, "evaluation_notes")),
    }, w)


def target_counts_view(counts: pd.DataFrame, lang: str = "zh"):
    """Per county: N of M targets met at the final evaluation, and which."""
    w = words(lang)
    c = counts
    return _view({
        "county": c[f"entity_name_{lang}"], "plan": c["plan"], "target_year": c["target_year"],
        "met": c["met"].astype(str) + " / " + c["judged"].astype(str), "missed": c["missed"],
        "not_judged": c["not_judged"], "met_indicators": c["met_indicators"],
        "missed_indicators": c["missed_indicators"],
    }, w)


def outlook_view(outlook: pd.DataFrame, lang: str = "zh"):
    """Drafting the next plan: the trend projected to its target year with its narrow and wide intervals, the
    next target and where it falls, growth achieved in the plan that ended against growth the next target needs."""
    w = words(lang)
    o = outlook

    def band(low, high) -> list[str]:     # rounded like the projection (helpers.core.formatting)
        return [interval(a, b, c, m, missing="") for a, b, c, m in zip(low, high, o["projection"], o["measure"])]

    caution = {code: w("views.caution", label=w("plan_cycle.outlook_short.unreliable_projection"), why=why)
               for code, why in w.table("workbook.values.caution").items()}
    projected = [projection(v, m, missing="") + caution.get(c, "") if isinstance(c, str) else projection(v, m, "")
                 for v, m, c in zip(o["projection"], o["measure"], o.get("projection_caution", [None] * len(o)))]
    return _view({
        "county": o[f"entity_name_{lang}"], "indicator": o[f"indicator_name_{lang}"], "unit": o["unit"],
        # (a next period without a name, after a plan that is not 十n五, is named by its years: never "nan")
        "next_plan": [w("views.plan_target_year", name=n if isinstance(n, str) and n else
                        period_label(row_period(r, "next"), lang), year="" if pd.isna(y) else int(y))
                      for (_, r), n, y in zip(o.iterrows(), o["next_plan"], o["next_target_year"])],
        "latest_actual": _year_value(w, o["last_actual_year"], o["last_actual_value"], o.get("last_actual_comparator")),
        "projection": projected, "narrow_interval": band(o["pi_narrow_lower"], o["pi_narrow_upper"]),
        "wide_interval": band(o["pi_wide_lower"], o["pi_wide_upper"]),
        "implied_growth": o["implied_annual_growth"].map(_pct),
        "next_target": _target(o["next_target_comparator"], o["next_target_value"]),
        "target_position": _in_words(o["target_reading"], w, "plan_cycle.outlook"),
        "growth_last_period": _growth(o["achieved_growth_last_period"], o["growth_method"], w),
        "growth_next_period": _growth(o["required_growth_next_period"], o["growth_method"], w),
        "trend_method": o["trend_method"],
    }, w)
