"""Drafting the next plan: where each series is heading, and where the next plan's target falls (outlook.csv).

Once a county's plan has reached its target year (the report year is at or after it), for each indicator:

- the trend (helpers.analyse.trends: log-linear, logit for percentages), fitted from the ended plan's base-year
  figure as trends.csv fits it, projected to the next plan's target year, with narrow and wide prediction
  intervals (levels in config/method.yaml), and the annual growth that projection implies from the last actual:
  (projection ÷ last actual)^(1 / years) − 1;
- the next plan's target, where the county has one configured, and where it falls in that projection. Its
  position (`target_position`) is plain: above or below the wide or narrow interval, or within the narrow one. Its
  reading (`target_reading`) takes the indicator's direction into account: beyond the wide interval on the
  good side, the target needs a clear break with the trend; between the narrow and wide bounds, a stretch; inside
  the narrow interval, in line with the trend; on the other side, a modest or very modest target (the trend
  alone would beat it). With two observations there is an exact line but no interval: the reading only says
  more or less than the line;
- the plan that ended, as its final evaluation judged it: its target, and whether the target-year actual met it
  (`ended_target_met`, by helpers.analyse.progress.plan_judgement as at the target year), so that a report under
  the next plan can say how the last one ended;
- the growth achieved over the plan that ended (its base-year actual to its target-year actual) against the
  growth the next target requires (the next plan's base-year actual to its target), and the difference in
  the good direction (`acceleration_needed`: above 0, the next target asks for faster progress);
- the years since the plan ended, monitored while the next plan has no targets yet: the annual growth from the
  ended plan's target-year actual to the last actual after it (`growth_since_ended`: 2025 → 2026), set against
  the growth the ended plan achieved (`pace_since_ended`, in the indicator's good direction: `kept_pace` at least
  as fast, `slowed` better but slower, `fell_back` worse than at the target year).

The next period is the county's own next configured plan; without one it is placed by helpers.core.periods.next_plan
(十五五 follows 十四五, five years on; never another county's period), so the outlook is there while the next plan is
still being drafted.
"""
from __future__ import annotations

import json

import pandas as pd

from helpers.analyse.growth import RATE_ABSOLUTE, RATE_CAGR, absolute_change, cagr, required_growth_comparator
from helpers.analyse.inputs import (
    OBSERVED_KINDS,
    AnalysisInputs,
    as_numeric,
    estimate_only,
    has_value,
    observed_up_to,
    plan_target,
    series,
    source_lines,
)
from helpers.analyse.progress import bounds_left_out, from_growth_start, growth_start, measured, plan_judgement
from helpers.analyse.trends import fit_trend
from helpers.core.config import Plan, PlanPeriod
from helpers.core.periods import ended_plan, next_plan


def row_period(row, which: str) -> PlanPeriod:
    """The period of an outlook row (outlook.csv): `which` "ended" (ended_plan, ended_base_year, ended_target_year) or
    "next". The one way every reader builds it. A next period placed after a plan that is not 十n五 has no name
    (helpers.core.periods.next_period): "", written as an empty cell and read back as "" (tables.KEEP_EMPTY), and
    said by its years (period_label), never "nan"."""
    name = row[f"{which}_plan"]
    return PlanPeriod(name if isinstance(name, str) else "", int(row[f"{which}_base_year"]),
                      int(row[f"{which}_target_year"]))


# Where the next target lies against the projection's intervals (value scale, whatever the direction). The
# narrow and wide intervals are at config/method.yaml's levels (80% and 95% by default): no name states a level.
ABOVE_WIDE, ABOVE_NARROW, WITHIN_NARROW = "above_wide", "above_narrow", "within_narrow"
BELOW_NARROW, BELOW_WIDE = "below_narrow", "below_wide"
ABOVE_LINE, BELOW_LINE = "above_trend_line", "below_trend_line"     # two observations: no interval
# What that means for a target, given the indicator's direction.
CLEAR_BREAK, STRETCH, IN_LINE, MODEST, VERY_MODEST = "clear_break", "stretch", "in_line", "modest", "very_modest"
MORE_THAN_LINE, LESS_THAN_LINE = "more_than_trend_line", "less_than_trend_line"
# A projection that may run away (helpers.analyse.trends: from two points, or far outside the series' own growth)
# gives no reading of the target: it is marked, and not drawn as a forecast.
UNRELIABLE = "unreliable_projection"
READINGS = (CLEAR_BREAK, STRETCH, IN_LINE, MODEST, VERY_MODEST, MORE_THAN_LINE, LESS_THAN_LINE, UNRELIABLE)
# The years after a plan's end against the pace the plan achieved (in the good direction), worst last.
KEPT_PACE, SLOWED, FELL_BACK = "kept_pace", "slowed", "fell_back"
PACES = (KEPT_PACE, SLOWED, FELL_BACK)

NUMERIC = ("last_actual_value", "trend_annual_growth", "implied_annual_growth", "projection", "pi_narrow_lower",
           "pi_narrow_upper", "pi_wide_lower", "pi_wide_upper", "next_target_value", "trend_probability_meets_target",
           "ended_base_value", "ended_target_year_value", "ended_target_value", "achieved_growth_last_period",
           "next_base_value", "required_growth_next_period", "acceleration_needed", "trend_intercept", "trend_slope",
           "growth_since_ended")
INTEGERS = ("ended_base_year", "ended_target_year", "next_base_year", "next_target_year", "last_actual_year")
COLUMNS = ["entity", "entity_name_zh", "entity_name_en", "indicator_id", "indicator_name_zh", "indicator_name_en",
           "unit", "measure", "direction", "ended_plan", "ended_base_year", "ended_target_year", "next_plan",
           "next_base_year", "next_target_year", "next_plan_configured", "last_actual_year", "last_actual_value",
           "last_actual_comparator",
           "trend_method", "trend_n_obs", "trend_annual_growth", "implied_annual_growth", "projection",
           "projection_caution",
           "pi_narrow_lower", "pi_narrow_upper", "pi_wide_lower", "pi_wide_upper", "next_target_value",
           "next_target_comparator",
           "target_position", "target_reading",
           "trend_probability_meets_target", "ended_base_value", "ended_target_year_value", "ended_target_value",
           "ended_target_comparator", "ended_target_met", "ended_plan_estimate_only", "achieved_growth_last_period",
           "next_base_value",
           "required_growth_next_period", "required_growth_comparator", "growth_method", "acceleration_needed",
           "growth_since_ended", "since_growth_method", "pace_since_ended", "outlook_notes", "sources",
           "trend_scale", "trend_intercept", "trend_slope"]


def outlook_table(inputs: AnalysisInputs) -> pd.DataFrame:
    """One row per county and indicator for every county whose plan has reached its target year by the
    report year; empty (with its columns) when none has."""
    out = []
    for entity in inputs.entities:
        plans = inputs.sources.plans_of(entity)
        ended = ended_plan(plans, inputs.report_year)
        if ended is None:
            continue
        # the county's own next plan, never another county's period (helpers.core.periods rule 3)
        following, period = next_plan(plans, ended, inputs.report_year)
        for ind_id in dict.fromkeys(inputs.indicators.loc[inputs.indicators["entity"] == entity, "indicator_id"]):
            out.append(_row(inputs, entity, ind_id, ended, following, period))
    frame = as_numeric(pd.DataFrame(out, columns=COLUMNS), NUMERIC)
    return frame.astype({c: "Int64" for c in INTEGERS} | {"next_plan_configured": "boolean",
                                                            "ended_target_met": "boolean",
                                                            "ended_plan_estimate_only": "boolean"})


def _row(inputs: AnalysisInputs, entity: str, ind_id: str, ended: Plan, following: Plan | None,
         period: PlanPeriod) -> dict:
    meta = inputs.catalogue.indicators[ind_id]
    rows = series(inputs, entity, ind_id)
    observed = observed_up_to(rows, inputs.report_year)
    # Fits and growth rates take figures only: an actual known only as a bound (>19.9) is left out, and named.
    figures = measured(observed)
    by_year = {int(r["year"]): float(r["value"]) for r in figures}
    bounded_years = {int(r["year"]) for r in observed} - set(by_year)
    last = observed[-1] if observed else None
    target = None if following is None else _target(rows, following)
    # A cumulative target (〔〕, a sum over the plan's years) is not a level a trend of levels can be set against.
    cumulative = target is not None and bool(target.get("cumulative"))
    goal = None if target is None or cumulative else float(target["value"])
    comparator = "=" if target is None else target["comparator"]
    # The trend is fitted as trends.csv fits the ended plan's: from its base-year figure where there is one, so a
    # figure from before that plan (a prose 2015) does not bend the projection of the next, and both fit one line.
    start = growth_start(figures, last, ended.period) if len(observed) > 1 else None
    fitted = {int(r["year"]): float(r["value"]) for r in from_growth_start(figures, start)}
    fit = fit_trend(list(fitted), list(fitted.values()), period.target_year, bounded=meta.measure == "share",
                    target=goal, comparator=comparator, direction=meta.direction)
    position = target_position(goal, fit.projection, fit.lower_narrow, fit.upper_narrow, fit.lower, fit.upper)
    reading = target_reading(position, meta.direction)
    if reading is not None and fit.caution:
        reading = UNRELIABLE
    # a 〔〕 figure in a base column (〔4000〕 in 2020: the previous period's total) is no year's level: named if it is
    # all a year has
    totals = {int(r["year"]): float(r["value"]) for r in rows if r["kind"] == "actual" and r.get("cumulative")
              and has_value(r) and int(r["year"]) <= inputs.report_year}
    growth = _growth(by_year, ended.period, period, goal, meta.direction, bounded_years, totals)
    since = _since_ended(by_year, ended.period, last if last in figures else None, growth, meta.direction)
    # The ended plan's final evaluation, judged as at its target year (the same judgement its report gave).
    ended_target = plan_target(rows, ended)
    ended_judged = plan_judgement(observed_up_to(rows, ended.period.target_year, ended.period.base_year),
                                  ended_target, ended, ended.period.target_year, meta.direction,
                                  estimate_only(rows, ended.period.target_year), measure=meta.measure)
    # Notes as codes and values (outlook_notes in the wording), said by each reader in its language.
    notes = ([fit.note] if fit.note else []) + bounds_left_out(
        from_growth_start(observed, start), fit.n_obs) + growth.pop("notes")
    if following is None:   # (a period without a name, after a plan that is not 十n五: said by its years)
        notes.append({"code": "next_plan_not_configured", "plan": period.name} if period.name else
                     {"code": "next_period_not_configured", "first": period.base_year + 1,
                      "target_year": period.target_year})
    if cumulative:
        notes.append({"code": "cumulative_target", "plan": period.name, "total": float(target["value"]),
                      "first": period.base_year + 1, "target_year": period.target_year})
    implied = None
    if last in figures and fit.projection is not None and period.target_year > int(last["year"]) \
            and float(last["value"]) > 0 and fit.projection > 0:
        implied = cagr(float(last["value"]), fit.projection, period.target_year - int(last["year"]))
    return {
        "entity": entity, "entity_name_zh": inputs.name_zh(entity), "entity_name_en": inputs.name_en(entity),
        "indicator_id": ind_id, "indicator_name_zh": meta.name_zh, "indicator_name_en": meta.name_en,
        "unit": meta.unit, "measure": meta.measure, "direction": meta.direction,
        "ended_plan": ended.period.name, "ended_base_year": ended.period.base_year,
        "ended_target_year": ended.period.target_year, "next_plan": period.name,
        "next_base_year": period.base_year, "next_target_year": period.target_year,
        "next_plan_configured": following is not None,
        "last_actual_year": None if last is None else int(last["year"]),
        "last_actual_value": None if last is None else last["value"],
        # >19.9 (a workbook's 比较符): the last actual is a bound, not the figure itself
        "last_actual_comparator": None if last is None else (last.get("comparator") or "="),
        "trend_method": fit.method, "trend_n_obs": fit.n_obs, "trend_annual_growth": fit.annual_growth,
        "implied_annual_growth": implied, "projection": fit.projection, "projection_caution": fit.caution,
        "pi_narrow_lower": fit.lower_narrow, "pi_narrow_upper": fit.upper_narrow,
        "pi_wide_lower": fit.lower, "pi_wide_upper": fit.upper,
        "next_target_value": goal, "next_target_comparator": None if goal is None else comparator,
        "target_position": position, "target_reading": reading,
        "trend_probability_meets_target": fit.probability_meets_target,
        **growth, **since,
        "ended_target_value": None if ended_target is None else ended_target["value"],
        "ended_target_comparator": None if ended_target is None else ended_target["comparator"],
        "ended_target_met": ended_judged["target_met"],
        "ended_plan_estimate_only": _plan_estimate_only(rows, ended.period.target_year),
        "required_growth_comparator": None if target is None else required_growth_comparator(comparator),
        "outlook_notes": json.dumps(notes, ensure_ascii=False) if notes else "",
        "sources": source_lines(*observed, target, ended_target),
        # The fitted line the outlook figure draws (see helpers.analyse.trends.fitted_curve).
        "trend_scale": fit.scale, "trend_intercept": fit.intercept, "trend_slope": fit.slope,
    }


def _target(rows: list[dict], plan: Plan) -> dict | None:
    year = plan.period.target_year
    targets = [r for r in rows if r["kind"] == "target" and r["year"] == year and not pd.isna(r["value"])]
    own = [r for r in targets if r.get("plan") == plan.period.name]
    return (own or targets or [None])[0]


def target_position(target: float | None, projection: float | None, lower_narrow: float | None,
                    upper_narrow: float | None, lower_wide: float | None, upper_wide: float | None) -> str | None:
    """Where a target lies against a projection's prediction intervals (or its line, without intervals)."""
    if target is None or projection is None:
        return None
    if lower_wide is None:
        return ABOVE_LINE if target > projection else BELOW_LINE
    if target > upper_wide:
        return ABOVE_WIDE
    if target > upper_narrow:
        return ABOVE_NARROW
    if target >= lower_narrow:
        return WITHIN_NARROW
    return BELOW_NARROW if target >= lower_wide else BELOW_WIDE


def target_reading(position: str | None, direction: str) -> str | None:
    """What the position means for the target: above the trend is ambitious when higher is better, modest
    when lower is better."""
    if position is None:
        return None
    good_above = direction == "higher"
    if position in (ABOVE_LINE, BELOW_LINE):
        return MORE_THAN_LINE if (position == ABOVE_LINE) == good_above else LESS_THAN_LINE
    if position == WITHIN_NARROW:
        return IN_LINE
    beyond_wide = position in (ABOVE_WIDE, BELOW_WIDE)
    if (position in (ABOVE_WIDE, ABOVE_NARROW)) == good_above:
        return CLEAR_BREAK if beyond_wide else STRETCH
    return VERY_MODEST if beyond_wide else MODEST


def _since_ended(by_year: dict[int, float], ended: PlanPeriod, last: dict | None, growth: dict,
                 direction: str) -> dict:
    """The years after the plan's target year: the annual growth from its target-year actual to the last actual,
    by the method the plan's own growth used (a rate; a change per year where a value is 0), and its pace against
    the growth the plan achieved, in the good direction. Its own method is recorded (since_growth_method): a last
    actual of 0 makes it a change per year where the plan's growth is a rate."""
    end, since, pace = by_year.get(ended.target_year), None, None
    if last is not None and end is not None and int(last["year"]) > ended.target_year:
        value, years = float(last["value"]), int(last["year"]) - ended.target_year
        absolute = growth["growth_method"] == RATE_ABSOLUTE or end <= 0 or value <= 0
        since = (absolute_change if absolute else cagr)(end, value, years)
        good = 1 if direction == "higher" else -1
        achieved = growth["achieved_growth_last_period"]
        alike = absolute == (growth["growth_method"] == RATE_ABSOLUTE)    # both rates, or both changes per year
        if (value - end) * good < 0:
            pace = FELL_BACK
        elif achieved is not None and alike:
            pace = KEPT_PACE if since * good >= achieved * good else SLOWED
    method = "" if since is None else RATE_ABSOLUTE if absolute else RATE_CAGR
    return {"growth_since_ended": since, "since_growth_method": method, "pace_since_ended": pace}


def _plan_estimate_only(rows: list[dict], year: int) -> bool:
    """The year's figures are all estimates (预计), a plan's among them: no actual of that year, level or 〔〕 total.
    The summary says so of an ended plan's targets not judged ("仅有规划预计数", redteam19 finding 10)."""
    said = [r for r in rows if r["kind"] in OBSERVED_KINDS and has_value(r) and r["year"] == year]
    return bool(said) and all(r.get("estimated") for r in said) and any(r.get("origin") != "monitoring"
                                                                          for r in said)


def _growth(by_year: dict[int, float], ended: PlanPeriod, period: PlanPeriod, goal: float | None,
            direction: str, bounded_years: set[int] = frozenset(), totals: dict[int, float] | None = None) -> dict:
    """Growth achieved over the plan that ended against growth the next target requires. A year whose actual is
    only a bound is not in `by_year` (its growth would be a bound too): its own note (bound_left_out) says so; a
    year that has only a 〔〕 total (`totals`: a plan's 2020 column 〔4000〕, the 十三五 sum) says that instead of
    "no actual"."""
    totals = totals or {}
    base, end = by_year.get(ended.base_year), by_year.get(ended.target_year)
    start = by_year.get(period.base_year)
    values = [v for v in (base, end, start, goal) if v is not None]
    method, rate = (RATE_ABSOLUTE, absolute_change) if any(v <= 0 for v in values) else (RATE_CAGR, cagr)
    achieved = None if base is None or end is None else rate(base, end, ended.target_year - ended.base_year)
    required = None if start is None or goal is None else rate(start, goal, period.target_year - period.base_year)
    notes = []
    only_total = [y for y in (ended.base_year, ended.target_year) if y not in by_year and y in totals]
    if achieved is None and only_total:
        notes.append({"code": "no_growth_total_only", "year": only_total[0], "total": totals[only_total[0]],
                      "plan": ended.name})
    elif achieved is None and not {ended.base_year, ended.target_year} & bounded_years:
        notes.append({"code": "no_growth_last_period", "base_year": ended.base_year,
                      "target_year": ended.target_year, "plan": ended.name})
    if required is None and goal is not None and period.base_year not in bounded_years:
        notes.append({"code": "no_required_growth", "base_year": period.base_year})
    step_up = None
    if achieved is not None and required is not None:
        step_up = (required - achieved) * (1 if direction == "higher" else -1)
    return {"ended_base_value": base, "ended_target_year_value": end, "achieved_growth_last_period": achieved,
            "next_base_value": start, "required_growth_next_period": required,
            "growth_method": method if (achieved is not None or required is not None) else "",
            "acceleration_needed": step_up,
            "notes": notes}
