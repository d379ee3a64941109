"""Growth, trends and progress for each county and indicator against the plan the report year evaluates
(trends.csv).

Each county's plan for the report year is chosen by helpers.core.periods.evaluated_plan: in a plan's period its
progress (完成进度 against 序时进度), at its target year its final evaluation (终期评估), after it the next plan.
The formulas are in helpers.analyse.evaluation (plan judgement, Open SDG ratio) and helpers.analyse.growth.

The table holds codes and values, never sentences: the progress category and the schedule judgement as codes,
and why (`progress_notes`, `evaluation_notes`) as JSON lists of {"code": …, values}, like indicators.csv's
`note_values`. Each reader words them in its own language (helpers.core.wording.notes_text with the groups
progress_notes and evaluation_notes).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

import helpers.analyse.evaluation as ev
from helpers.analyse.growth import (
    LIMITED_PROGRESS,
    MOVING_AWAY,
    NEEDS_ACCELERATION,
    NOT_ASSESSABLE,
    ON_TRACK,
    TARGET_MET,
    TARGET_MISSED,
    Progress,
    assess_progress,
    bound_meets_target,
    category_label,
    is_bound,
    lies_above,
    required_growth_comparator,
    sum_comparator,
    target_met,
)
from helpers.analyse.inputs import (
    BINDING,
    AnalysisInputs,
    as_numeric,
    estimate_only,
    has_value,
    is_preliminary,
    observed_up_to,
    plan_target,
    series,
    source_lines,
)
from helpers.analyse.trends import fit_trend
from helpers.core.config import Plan, PlanPeriod
from helpers.core.errors import InputError
from helpers.core.formatting import bound_text
from helpers.core.paths import display_path
from helpers.core.periods import FINAL_PHASES, phase
from helpers.core.records import place_of_row
from helpers.core.wording import words

NUMERIC = ("baseline_value", "latest_value", "target_value", "historical_growth", "required_growth", "progress_ratio",
           "trend_annual_growth", "trend_projection", "trend_pi_lower", "trend_pi_upper",
           "trend_probability_meets_target", "base_value", "evaluated_value", "progress_share", "schedule_share",
           "completion_rate", "gap_to_target", "observed_growth_since_base", "required_growth_base_to_target",
           "sdg_progress_ratio", "trend_intercept", "trend_slope")
INTEGERS = ("baseline_year", "latest_year", "target_year", "base_year", "evaluated_year", "sdg_base_year")
# What the plan's table says of the target and the base value (indicators.csv attribute, approximate, cumulative,
# estimated), carried to every report that judges the target: a binding (约束性) target is marked there.
# A preliminary count (快报: counted, may be revised) is marked where it is shown: the base value, the value judged
# (for a 〔〕 target, a sum with such a term) and the latest actual.
FLAGS = ("target_binding", "target_approximate", "target_cumulative", "base_estimated", "base_preliminary",
         "evaluated_preliminary", "latest_preliminary")


def progress_table(inputs: AnalysisInputs) -> pd.DataFrame:
    """One row per county and indicator, for the plan the report year evaluates: historical and required
    growth, trend, progress category; then the plan judgement (完成进度, 序时进度, 终期评估) and Open SDG's ratio."""
    out = []
    for entity in inputs.entities:
        plan = inputs.plan_of(entity)
        for ind_id in dict.fromkeys(inputs.indicators.loc[inputs.indicators["entity"] == entity, "indicator_id"]):
            out.append(_row(inputs, entity, plan, ind_id))
    frame = as_numeric(pd.DataFrame(out), NUMERIC)
    frame = frame.astype({"hold_target": "boolean", "target_met": "boolean"} | {f: "boolean" for f in FLAGS})
    return frame.astype({c: "Int64" for c in INTEGERS})


def _row(inputs: AnalysisInputs, entity: str, plan: Plan, ind_id: str) -> dict:
    meta = inputs.catalogue.indicators[ind_id]
    rows = series(inputs, entity, ind_id)
    observed = observed_up_to(rows, inputs.report_year, plan.period.base_year)
    latest = observed[-1] if observed else None
    # Growth is measured between figures: an earlier actual known only as a bound (>12.9) is no baseline.
    figures = measured(observed)
    base = growth_start(figures, latest, plan.period) if len(observed) > 1 else None
    # the trend is fitted on the figures the growth is measured over: from the plan's base year where it has one
    fitted = from_growth_start(figures, base)
    target = plan_target(rows, plan)
    cumulative = target is not None and bool(target["cumulative"])
    # The growth achieved is measured on one source's series: from a workbook's figure, to the workbook's own
    # figure for the latest year where a plan's (its base column) was kept for that year (redteam15: 11 in 2021
    # from the workbook to the plan's 15.2 in 2025 read 8.4% a year, where the workbook's own 14.6 gives 7.3%).
    own_end = own_source_end(base, latest)
    if latest is not None and is_bound(latest.get("comparator")):
        progress = _progress_on_bound(latest, target, meta.direction)
    else:
        progress = assess_progress(
            None if base is None else int(base["year"]), None if base is None else float(base["value"]),
            None if latest is None else int(latest["year"]), None if latest is None else float(latest["value"]),
            None if target is None else int(target["year"]), None if target is None else float(target["value"]),
            "=" if target is None else target["comparator"], meta.direction,
            achieved_to=None if own_end is None else float(own_end["figure"]))
    if (latest is not None and inputs.report_year > plan.period.base_year
            and int(latest["year"]) <= plan.period.base_year):
        # In the period with no actual after the base year (桐庐's 十五五 in 2026, its latest actual 2025): the
        # period's progress cannot be judged yet. The growth of the years before the plan is no judgement of
        # this one (redteam15: 进度正常 in a 2026 scorecard whose legend says 序时进度). Nor is the plan's own
        # base-year figure meeting the target (a hold target: 保持在0.28万人左右 from 0.28) any progress: such a
        # target is judged held or not held on an actual after the base year. The growth achieved and required
        # stay, as facts (the growth still required is a target's, whatever the year).
        met_on_base = progress.category == TARGET_MET
        progress = Progress(None if met_on_base else progress.historical_rate,
                            None if met_on_base else progress.required_rate,
                            "" if met_on_base else progress.rate_method, None, NOT_ASSESSABLE,
                            {"code": "no_actual_after_base", "base_year": plan.period.base_year})
    judged = plan_judgement(observed, target, plan, inputs.report_year, meta.direction,
                            estimate_only(rows, plan.period.target_year), measure=meta.measure)
    check_completion_rate(inputs, entity, ind_id, judged, observed, target)
    milestone = milestone_note(rows, observed, plan, inputs.report_year, meta.direction, meta.measure)
    if milestone is not None:
        judged["evaluation_notes"] = notes_json(json.loads(judged["evaluation_notes"] or "[]") + [milestone])
    remarks = judged_remarks(observed, judged["evaluated_year"])
    if remarks:
        judged["evaluation_notes"] = notes_json(json.loads(judged["evaluation_notes"] or "[]") + remarks)
    by_note = base_by_table_note(rows, plan)
    if by_note is not None:
        judged["evaluation_notes"] = notes_json(json.loads(judged["evaluation_notes"] or "[]") + [by_note])
    if cumulative:
        # A 〔〕 target: judged on the sum of the yearly actuals or a level's change since the base year
        # (plan_judgement), never as a level's growth.
        met = judged["target_met"]
        if met is None and judged["plan_phase"] not in FINAL_PHASES and not judged["hold_target"] \
                and judged["evaluated_comparator"] == "=" and judged["evaluated_value"] is not None:
            # in the period, a sum (or a level's change) that already meets the target is met, as a level is
            # (verdict): 7,500 by 2028 of 〔7000〕; one that does not yet is for 序时进度 to judge
            met = target_met(float(judged["evaluated_value"]), float(target["value"]), target["comparator"],
                             meta.direction) or None
        category = NOT_ASSESSABLE if met is None else TARGET_MET if met else TARGET_MISSED
        progress = Progress(None, None, "", None, category)   # its notes are the evaluation's
    elif judged["plan_phase"] in FINAL_PHASES:
        # At a final evaluation the category is the evaluation's, on the target year's actual: never a growth
        # or a target judged on another year's actual. Without that actual it is not assessable, and its notes
        # are the evaluation's, which say why (no actual, only an estimate, …).
        progress = _final_progress(progress, judged, target, plan.period.target_year)
    fit = fit_trend([r["year"] for r in fitted], [r["value"] for r in fitted], plan.period.target_year,
                    bounded=meta.measure == "share",
                    target=None if target is None or cumulative else float(target["value"]),
                    comparator="=" if target is None else target["comparator"], direction=meta.direction)
    return {
        "entity": entity, "entity_name_zh": inputs.name_zh(entity), "entity_name_en": inputs.name_en(entity),
        "indicator_id": ind_id,
        "indicator_name_zh": meta.name_zh, "indicator_name_en": meta.name_en, "unit": meta.unit,
        "measure": meta.measure, "direction": meta.direction,
        "baseline_year": None if base is None else int(base["year"]),
        "baseline_value": None if base is None else base["value"],
        "baseline_kind": None if base is None else base["kind"],
        "latest_year": None if latest is None else int(latest["year"]),
        "latest_value": None if latest is None else latest["value"],
        # >19.9 (a workbook's 比较符): the latest actual is a bound, not the figure itself
        "latest_comparator": None if latest is None else (latest.get("comparator") or "="),
        "target_year": None if target is None else int(target["year"]),
        "target_value": None if target is None else target["value"],
        "target_comparator": None if target is None else target["comparator"],
        "target_attribute": "" if target is None else target["attribute"],
        "target_binding": target is not None and target["attribute"] == BINDING,
        "target_approximate": target is not None and bool(target["approximate"]),
        "target_cumulative": cumulative,
        "base_estimated": any(bool(r["estimated"]) for r in observed if int(r["year"]) == plan.period.base_year),
        "base_preliminary": any(is_preliminary(r) for r in observed if int(r["year"]) == plan.period.base_year),
        "latest_preliminary": is_preliminary(latest),
        # growth required from now on: latest actual -> target (the Open SDG ratio's is base -> target, below)
        "historical_growth": progress.historical_rate, "required_growth": progress.required_rate,
        # A '>' target must be exceeded: the required rate is then a lower bound ('<': an upper one).
        "required_growth_comparator": None if target is None else required_growth_comparator(target["comparator"]),
        "growth_method": progress.rate_method, "progress_ratio": progress.ratio,
        "progress_category": progress.category,
        # after the target year the final evaluation's notes say why; a growth measured to another source's figure
        "progress_notes": notes_json(
            (json.loads(judged["evaluation_notes"] or "[]") if progress.reason is None else [progress.reason])
            + ([] if own_end is None or progress.historical_rate is None else [_own_source_note(own_end, latest)])),
        "trend_method": fit.method, "trend_n_obs": fit.n_obs, "trend_annual_growth": fit.annual_growth,
        "trend_projection": fit.projection, "trend_pi_lower": fit.lower, "trend_pi_upper": fit.upper,
        "trend_projection_caution": fit.caution,
        "trend_probability_meets_target": fit.probability_meets_target,
        "trend_notes": notes_json(([fit.note] if fit.note else []) + bounds_left_out(
            from_growth_start(observed, base), fit.n_obs)),
        # What the trend figure draws: the fitted line and the year it is projected to.
        "trend_projection_year": plan.period.target_year, "trend_scale": fit.scale,
        "trend_intercept": fit.intercept, "trend_slope": fit.slope,
        "comparability": meta.comparability,
        "sources": source_lines(*observed, target),
        **judged,
        "evaluated_preliminary": _judged_preliminary(observed, judged, plan,
                                                     cumulative and meta.measure in ev.SUMMED_MEASURES),
        "verdict": verdict(judged["plan_phase"], judged["target_met"], judged["schedule_judgement"],
                           progress.category),
    }


def check_completion_rate(inputs: AnalysisInputs, entity: str, ind_id: str, judged: dict, observed: list[dict],
                          target: dict | None) -> None:
    """A 完成率 past ev.MAX_COMPLETION_RATE is no verdict: the figure and its target are in different units, or one
    is read wrong. The analysis stops, naming both figures' places (950000.0% reached the report as 达标)."""
    rate = judged["completion_rate"]
    if rate is None or target is None or rate <= ev.MAX_COMPLETION_RATE:
        return
    meta = inputs.catalogue.indicators[ind_id]
    year = judged["evaluated_year"]
    judged_rows = [r for r in observed if target["cumulative"] or int(r["year"]) == year] or observed[-1:]
    where = place_of_row(target)
    units = inputs.catalogue.units
    own = units[meta.unit]
    larger = [u for u in units.values() if u.dimension == own.dimension and u.factor > own.factor]
    fits = min(larger, key=lambda u: abs(math.log10(rate * own.factor / u.factor)), default=None)
    raise InputError(where["file"], where.get("line") or where.get("cell"),
                     f"{inputs.name_en(entity)}'s {meta.name_en} ({ind_id}) in {year}, {judged['evaluated_value']:g} "
                     f"{meta.unit} ({source_lines(*judged_rows)}), is {rate:.0f} times its target "
                     f"{float(target['value']):g} {meta.unit} ({source_lines(target)}): a completion rate of "
                     f"{rate:.0%} is no verdict but two figures in different units, or one read wrong",
                     "check both figures against their documents. If the plan's table gives the row no unit, or the "
                     f"wrong one, state the unit its figures are in under `readings:` of the plan's entry in "
                     f"{display_path(inputs.config_dir / 'sources.yaml')}: - {{indicator: '{meta.name_zh}', unit: "
                     f"'{fits.unit if fits else '…'}', because: '…'}} (the unit the plan means), then run `make data` "
                     "again; if the "
                     f"workbook's figure is wrong, correct it there, in {meta.unit}. Setting `plausible` of "
                     f"{ind_id} in the catalogue makes the data step stop at such a figure.")


def growth_start(figures: list[dict], latest: dict, period: PlanPeriod) -> dict | None:
    """The figure the growth achieved is measured from (trends.csv baseline_year).

    Once the plan's years have begun (the latest figure after its base year): the latest figure up to the plan's
    base year (the base-year figure itself where there is one), else the earliest. A figure from before the plan
    (a prose baseline, 2015) is used only where nothing nearer the plan's start is known: measured from it, a
    series that has fallen since the base year (10.3 in 2020 → 9.5 in 2023) read as +4.0% a year, the growth of
    2015–2020 (redteam11).

    Before them (the latest figure at or before the base year: a report of the base year or of a year before it, or
    a county with no figure since): the growth over the plan period before, not the last year's change alone
    (redteam13: with yearly figures 2016–2019, 建德's 2020 read 2019 → 2020 alone). Periods are the plan's length
    apart, counted back from its base year; the one holding the latest figure starts at 2015 for 2016–2020 (十四五,
    base 2020) and at 2010 for 2015. The start is that year's figure, else the earliest after it, else the latest
    before it (nothing in that period but the latest figure)."""
    earlier = [r for r in figures if r is not latest]
    if not earlier:
        return None
    if int(latest["year"]) > period.base_year:
        started = [r for r in earlier if r["year"] <= period.base_year]
        return started[-1] if started else earlier[0]
    start = _period_start(int(latest["year"]), period)
    within = [r for r in earlier if r["year"] >= start]
    return within[0] if within else earlier[-1]


MILESTONE_MET, MILESTONE_MISSED = "milestone_met", "milestone_missed"


def milestone_note(rows: list[dict], observed: list[dict], plan: Plan, report_year: int, direction: str,
                   measure: str) -> dict | None:
    """A plan's own target for the report year before its target year (an interim milestone: a 2027年目标 column in
    a 十五五 plan) judged in that year's report, beside the 序时进度 judgement against the plan's target: met or
    missed on the year's actual, or for a 〔〕 milestone on the sum of the yearly actuals from the plan's first
    year to it (〔3000〕 in 2027: 2026–2027, 1,400 + 1,450 = 2,850, missed), or a level's change since the base year.
    Without the figures it needs, a note that the milestone waits for them. None where the plan sets none."""
    period = plan.period
    if not period.base_year < report_year < period.target_year:
        return None
    target = next((r for r in rows if r["kind"] == "target" and r["year"] == report_year and has_value(r)
                   and r.get("plan") == period.name), None)
    if target is None:
        return None
    goal, comparator = float(target["value"]), target["comparator"]
    figures = {int(r["year"]): float(r["value"]) for r in measured(observed)}
    first = period.base_year + 1
    if target.get("cumulative") and measure in ev.SUMMED_MEASURES:
        kind, needed = "sum", range(first, report_year + 1)
    elif target.get("cumulative"):
        kind, needed = "change", (period.base_year, report_year)
    else:
        kind, needed = "level", (report_year,)
    said = {"year": report_year, "milestone_target": {"code": kind, "target": goal, "target_comparator": comparator,
                                                       "first": first, "year": report_year}}
    if not all(y in figures for y in needed):
        return {"code": "milestone_waits", **said}
    value = {"sum": lambda: sum(figures[y] for y in needed), "level": lambda: figures[report_year],
             "change": lambda: figures[report_year] - figures[period.base_year]}[kind]()
    met = target_met(value, goal, comparator, direction)
    return {"code": MILESTONE_MET if met else MILESTONE_MISSED, "met": met, "value": value, "target": goal, **said,
            "milestone_actual": {"code": kind, "value": value, "first": first, "year": report_year}}


def own_source_end(start: dict | None, latest: dict | None) -> dict | None:
    """Where the growth's start is a monitoring workbook's figure and the latest year's kept figure a plan's (a
    plan's base column beats the workbook in a year no configured plan judges: helpers.extract.dataset), while the
    workbook gives its own figure for that year (the kept row's note other_source_gives): that note, whose
    `figure` the growth achieved is measured to, so that it runs on one source's series. None otherwise."""
    if start is None or latest is None or start is latest or start.get("origin") != "monitoring" \
            or latest.get("origin") == "monitoring" or not isinstance(latest.get("note_values"), str):
        return None
    notes = json.loads(latest["note_values"] or "[]")
    return next((n for n in notes if n.get("code") == "other_source_gives" and n.get("origin") == "monitoring"
                 and isinstance(n.get("figure"), (int, float))), None)


def _own_source_note(own_end: dict, latest: dict) -> dict:
    """The note that the growth achieved runs to the workbook's own figure (own_source_end), named by its cell,
    beside the plan's figure kept for the year."""
    where = own_end["place"]
    return {"code": "growth_own_source", "year": int(latest["year"]), "value": float(own_end["figure"]),
            "place": {**where, "file": str(where["file"]).replace("\\", "/").rsplit("/", 1)[-1]},
            "kept": float(latest["value"])}


def _period_start(year: int, period: PlanPeriod) -> int:
    """The first year of the period of the plan's length, counted back from its base year, that holds `year` (at or
    before the base year) after its own start: 2015 for 2016–2020 with a 十四五 plan (2020 → 2025), 2010 for 2015."""
    length = period.target_year - period.base_year
    return period.base_year - length * -(-(period.base_year - year + 1) // length)


def _judged_preliminary(observed: list[dict], judged: dict, plan: Plan, cumulative: bool) -> bool:
    """Whether the value judged is, or (a 〔〕 target's sum) holds, a preliminary count (快报)."""
    year = judged["evaluated_year"]
    if year is None or pd.isna(year):
        return False
    first = plan.period.base_year + 1 if cumulative else int(year)
    return any(is_preliminary(r) for r in observed if first <= int(r["year"]) <= int(year))


def measured(observed: list[dict]) -> list[dict]:
    """The observations that are figures: an actual known only as a bound (a workbook's 比较符, >19.9) is not a
    measurement, so growth rates and trend fits leave it out (bounds_left_out says which)."""
    return [r for r in observed if not is_bound(r.get("comparator"))]


def from_growth_start(observed: list[dict], start: dict | None) -> list[dict]:
    """The observations from the growth start's year on (growth_start: the figure growth and the trend fit are
    measured from), all of them where there is none: those the trend was fitted to, bounds included."""
    return [r for r in observed if start is None or r["year"] >= start["year"]]


def bounds_left_out(observed: list[dict], fitted: int) -> list[dict]:
    """Notes naming each actual a trend fit left out as a bound (its year, value and cell), and, where that leaves
    fewer than two figures, that no trend can be fitted for that reason."""
    notes = [{"code": "bound_left_out", "year": int(r["year"]), "value": float(r["value"]),
              "value_comparator": r["comparator"], "place": _place(r)}
             for r in observed if is_bound(r.get("comparator"))]
    if notes and fitted < 2:
        notes.append({"code": "too_few_without_bounds", "n": fitted})
    return notes


def _place(record: dict) -> dict:
    """Where a value is, as a note names it: its file by name (not its folder), and its line or cell."""
    place = place_of_row(record)
    return {**place, "file": str(place["file"]).replace("\\", "/").rsplit("/", 1)[-1]}


def _progress_on_bound(latest: dict, target: dict | None, direction: str) -> Progress:
    """The progress category where the latest actual is only a bound (>19.9): no growth rate (it would be a bound
    too); the target already met where every figure the bound allows meets it, otherwise not assessable, saying
    why. (At a final evaluation the evaluation's judgement replaces it: _final_progress.)"""
    year, value, bound = int(latest["year"]), float(latest["value"]), latest["comparator"]
    if target is None:
        return Progress(None, None, "", None, NOT_ASSESSABLE, {"code": "no_target"})
    goal, comparator = float(target["value"]), target["comparator"]
    if bound_meets_target(value, bound, goal, comparator, direction):
        return Progress(None, None, "", None, TARGET_MET, {"code": "already_met", "latest": value,
                                                            "value_comparator": bound, "target": goal,
                                                            "target_comparator": comparator})
    return Progress(None, None, "", None, NOT_ASSESSABLE,
                    {"code": "latest_bound", "year": year, "value": value, "value_comparator": bound})


def _final_progress(progress: Progress, judged: dict, target: dict | None, target_year: int) -> Progress:
    """The progress columns at a final evaluation: met or missed on the target year's actual, with that actual in
    the note; not assessable without it (no ratio, no note of its own: the evaluation's notes say why). The
    growth achieved stays (a fact, not a judgement), and the growth still required where the target year is
    ahead of the latest actual."""
    met = judged["target_met"]
    if met is None:
        return Progress(progress.historical_rate, progress.required_rate, progress.rate_method, None, NOT_ASSESSABLE)
    reason = {"code": "final_met" if met else "final_missed", "year": judged["evaluated_year"],
              "value": judged["evaluated_value"], "value_comparator": judged["evaluated_comparator"] or "=",
              "target_year": target_year, "target": float(target["value"]),
              "target_comparator": target["comparator"]}
    return Progress(progress.historical_rate, None, progress.rate_method, None,
                    TARGET_MET if met else TARGET_MISSED, reason)


def verdict_notes(row) -> str:
    """The stored notes that say why a row's verdict is what it is (the report's progress table shows them beside
    it): at a final evaluation and where the verdict is the progress category, the progress notes; where it is
    the 序时进度 judgement (快于 / 符合 / 慢于, 保持 / 未保持), the evaluation's notes."""
    if row["plan_phase"] not in FINAL_PHASES and row["verdict"] in ev.JUDGEMENTS:
        return row["evaluation_notes"]
    return row["progress_notes"]


# The verdicts in the order a legend shows them, best first.
VERDICTS = [TARGET_MET, ev.AHEAD, ON_TRACK, ev.ON_SCHEDULE, ev.HELD, NEEDS_ACCELERATION, LIMITED_PROGRESS, ev.BEHIND,
            MOVING_AWAY, ev.NOT_HELD, TARGET_MISSED, NOT_ASSESSABLE]


def verdict(plan_phase: str, met, schedule_judgement, category: str) -> str:
    """The one judgement of a county's indicator for the report year (trends.csv `verdict`): the scorecard, the
    tables, the summary and the results workbook all state this one.
    - at the final evaluation (the plan's target year, or after it while no later plan is configured): met or
      not met, on the target year's actual (target_met); not assessable while that actual is missing, since a
      judgement from another year is never given as this year's;
    - in the period: a target the latest actual already meets is met (已达目标), whatever its 完成进度 (15 of 14 is
      127%: no more 快于序时进度 than 已达目标), as Open SDG's ProgressMeasure gives target_achieved before any
      score and as the method note says; a target to hold is judged held or not held; otherwise the 序时进度
      judgement (ahead / on schedule / behind);
    - at the base year, and in the period where no 序时进度 can be judged (no base-year value): the progress
      category, growth achieved (from an earlier baseline) against growth required."""
    if plan_phase in FINAL_PHASES:
        if met is None or pd.isna(met):
            return NOT_ASSESSABLE
        return TARGET_MET if met else TARGET_MISSED
    if isinstance(schedule_judgement, str) and schedule_judgement:
        if category == TARGET_MET and schedule_judgement not in (ev.HELD, ev.NOT_HELD):
            return TARGET_MET
        return schedule_judgement
    return category


def verdict_label(code: str, lang: str, final: bool = False) -> str:
    """A verdict as a reader sees it: at a final evaluation 达标 / 未达标 (met / not met); in the period the
    序时进度 judgement (快于序时进度 …); otherwise the progress category (进度正常 …)."""
    w = words(lang)
    if final and code in (TARGET_MET, TARGET_MISSED):
        return w("plan_cycle.met.yes" if code == TARGET_MET else "plan_cycle.met.no")
    if code in ev.JUDGEMENTS:
        return w(f"plan_cycle.schedule.{code}")
    return category_label(code, lang)


def judged_remarks(observed: list[dict], year) -> list[dict]:
    """The notes quoting the 备注 of the monitoring workbook's row whose actual is judged (the evaluated year's: the
    target year's or the latest), whatever the 备注 says: commentary the reader does not recognise (口径调整,
    含驻县单位) or a preliminary count (快报, in the 备注 or the 来源: `field`). Leadership sees it beside the
    judgement (chapters.scorecard), so a note that doubts the figure in words no family reads
    (name_meaning.remark_says) never vanishes (redteam16 finding 4). A 来源 in such words (县人才办调研) is quoted
    by the same rule, beside the 备注 (issue 18): one note each; a preliminary count's only where neither is, with
    the words that say so (`word`: the quote keeps them, chapters.scorecard)."""
    if year is None or pd.isna(year):
        return []
    row = next((r for r in reversed(observed) if int(r["year"]) == int(year)), None)
    said = json.loads(row["note_values"]) if row is not None and isinstance(row.get("note_values"), str) and \
        row["note_values"] else []
    remarks = [n for n in said if n.get("code") == "remark"] or \
        [n for n in said if n.get("code") == "preliminary_in_note"][:1]
    return [{"code": "judged_remark", "year": int(year), "value": float(row["value"]),
             "file": Path(str(row["source_file"])).name, "sheet": row["source_sheet"], "cell": row["source_cell"],
             "remark": remark["remark"], "field": remark.get("field", {"code": "note"}),
             **({"word": remark["word"]} if remark.get("word") else {})} for remark in remarks]


BASE_BY_TABLE_NOTE = ("analyst_table_note_year", "analyst_table_note_own_year")


def base_by_table_note(rows: list[dict], plan: Plan) -> dict | None:
    """The note on a judgement whose plan's base column its table's note ties to another year (2020年数据为2019年数)
    and the analyst read (cleaning: analyst_table_note_year, the figures read as that year's, so the base is not the
    plan's; analyst_table_note_own_year, read as the base year's on the office's word): beside the scorecard, so the
    reader sees what the base rests on (redteam18 finding 5)."""
    for row in rows:
        said = json.loads(row["note_values"]) if isinstance(row.get("note_values"), str) and row["note_values"] \
            else []
        found = next((n for n in said if n.get("code") in BASE_BY_TABLE_NOTE
                      and n.get("written") == plan.period.base_year), None)
        if found is not None and row.get("plan") == plan.period.name and row["kind"] == "actual":
            return {"code": "table_note_other_year" if found["code"] == BASE_BY_TABLE_NOTE[0]
                    else "table_note_own_year", "written": int(found["written"]), "year": int(found["year"]),
                    "value": None if pd.isna(row["value"]) else float(row["value"]),
                    "file": Path(str(row["source_file"])).name, "sentence": found.get("sentence", ""),
                    "because": found.get("because", "")}
    return None


def _estimate_note(estimate: dict, year: int) -> dict:
    """The note on the only figure of the target year, an estimate: a plan's (its 预计 column, cell or mark), or a
    monitoring workbook's row whose 备注 or 来源 says so (note estimate_in_note, with the cell, the text and its
    column, `field`), or a comment on the row or a note on its sheet (WORKBOOK_ESTIMATES)."""
    said = json.loads(estimate["note_values"]) if isinstance(estimate.get("note_values"), str) and \
        estimate["note_values"] else []
    remark = next((n for n in said if n.get("code") in WORKBOOK_ESTIMATES), None)
    if remark is None:
        return {"code": "estimate_not_actual", "year": year, "plan": estimate["plan"],
                "value": float(estimate["value"])}
    return {"code": WORKBOOK_ESTIMATES[remark["code"]], "year": year, "value": float(estimate["value"]),
            "file": Path(str(estimate["source_file"])).name, "sheet": estimate["source_sheet"],
            "cell": estimate["source_cell"], "remark": remark["remark"], "word": remark["word"],
            **({"field": remark.get("field", {"code": "note"})} if remark["code"] == "estimate_in_note"
               else {"note_cell": remark["cell"]})}


# What makes a workbook's figure an estimate (its 备注, a comment on its row, a note on its sheet: the note's code) →
# the evaluation note naming it (monitoring._read_row_comments, _read_sheet_note).
WORKBOOK_ESTIMATES = {"estimate_in_note": "workbook_estimate_not_actual",
                      "estimate_in_comment": "workbook_estimate_in_comment",
                      "estimate_by_sheet_note": "workbook_estimate_by_sheet_note"}


def plan_judgement(observed: list[dict], target: dict | None, plan: Plan, report_year: int, direction: str,
                   estimate: dict | None = None, *, measure: str) -> dict:
    """The plan-period columns of one row (see helpers.analyse.evaluation for the formulas). `measure` (the
    catalogue's) says how a 〔〕 target is judged: on the sum of the yearly figures, or on a level's change.

    `observed` holds actuals only (observed_up_to). `estimate` is a plan's estimate (预计) of the target year's
    figure where no actual exists: it is never judged as the actual; the notes name it and ask for the actual."""
    period = plan.period
    where = phase(period, report_year)
    final = where in FINAL_PHASES
    by_year = {int(r["year"]): float(r["value"]) for r in observed}
    bounds = {int(r["year"]): r.get("comparator") for r in observed if is_bound(r.get("comparator"))}
    base = by_year.get(period.base_year)
    notes: list[dict] = []
    if final and period.target_year not in by_year and estimate is not None:
        notes.append(_estimate_note(estimate, period.target_year))
    # The value judged: at the final evaluation the target year's actual; otherwise the latest actual.
    if final and period.target_year in by_year:
        year, value = period.target_year, by_year[period.target_year]
    elif observed:
        year, value = int(observed[-1]["year"]), float(observed[-1]["value"])
    else:
        year = value = None
    out = {"plan": period.name, "plan_phase": where, "base_year": period.base_year, "base_value": base,
           "evaluated_year": year, "evaluated_value": value,
           # >19.9 (a workbook's 比较符): the value judged is a bound, not the figure itself
           "evaluated_comparator": bounds.get(year, "=") if year is not None else None, "progress_share": None,
           "schedule_share": None, "schedule_judgement": None, "hold_target": None,
           "target_met": None, "completion_rate": None, "gap_to_target": None}
    out.update(_sdg_columns(None))
    if target is not None and target["cumulative"]:     # a count's: the sum of the years; a level's: its change
        judge = _cumulative_judgement if measure in ev.SUMMED_MEASURES else _change_judgement
        return judge(observed, target, period, final, report_year, direction, out)
    if target is None or year is None:
        notes.append({"code": "no_target", "plan": period.name} if target is None else {"code": "no_actual"})
        return _with_notes(out, notes)
    goal, comparator = float(target["value"]), target["comparator"]
    out.update(_sdg_columns(_sdg(by_year, bounds, period, year, value, goal, comparator, direction)))
    if year <= period.base_year:
        notes.append({"code": "no_actual_after_base", "base_year": period.base_year})
        if final:
            notes.append({"code": "final_waits", "target_year": period.target_year})
        return _with_notes(out, notes)
    if final and year != period.target_year:
        # No target-year actual: the final evaluation waits for it. Nothing is judged on another year's actual
        # (no 完成率, no 序时进度): the latest actual stays, with its year, in evaluated_year and evaluated_value.
        notes.append({"code": "final_waits_latest", "target_year": period.target_year, "year": year})
        return _with_notes(out, notes)
    if year in bounds or period.base_year in bounds:
        return _with_notes(out, notes + _on_bounds(out, base, year, value, bounds, goal, comparator, final,
                                                   report_year, period, direction))
    out["completion_rate"] = ev.completion_rate(value, goal, direction)
    out["gap_to_target"] = value - goal   # in the indicator's unit; above 0 is above the target
    if year == period.target_year:
        out["target_met"] = target_met(value, goal, comparator, direction)
    if base is None:
        notes.append({"code": "no_base_value", "base_year": period.base_year})
        return _with_notes(out, notes)
    out.update(_schedule(base, year, value, goal, comparator, period, direction))
    return _with_notes(out, notes + _schedule_notes(out, year, value, goal, comparator, report_year, period))


def _judged_on_bound(out: dict, year: int, value: float, bound: str, goal: float, comparator: str,
                     direction: str) -> list[dict]:
    """A final evaluation on an actual known only as a bound (>19.9): met where every figure it allows meets the
    target (>20 against 20), missed where none does, otherwise not assessable (>19.9 against 20), never judged as
    19.9 itself. Its 完成率 and gap would be bounds too: left out, and the note says why."""
    out["target_met"] = bound_meets_target(value, bound, goal, comparator, direction)
    if out["target_met"] is not None:
        return []        # the final note (final_met, final_missed) names the bound
    return [{"code": "final_bound", "year": year, "value": value, "value_comparator": bound, "target_year": year,
             "target": goal, "target_comparator": comparator}]


def _on_bounds(out: dict, base, year: int, value: float, bounds: dict, goal: float, comparator: str, final: bool,
               report_year: int, period, direction: str) -> list[dict]:
    """The judgement where the value judged or the base value is only a bound (>19.9): at the final evaluation on
    the bound (_judged_on_bound), or on the target year's figure with no 完成进度 (a base that is a bound); in the
    period as _period_on_bound says."""
    if final and year in bounds:
        return _judged_on_bound(out, year, value, bounds[year], goal, comparator, direction)
    if final:
        out.update(completion_rate=ev.completion_rate(value, goal, direction), gap_to_target=value - goal,
                   target_met=target_met(value, goal, comparator, direction))
        return []
    return _period_on_bound(out, base, year, value, bounds, goal, comparator, report_year, period, direction)


def _period_on_bound(out: dict, base, year: int, value: float, bounds: dict, goal: float, comparator: str,
                     report_year: int, period, direction: str) -> list[dict]:
    """序时进度 where the value judged, or the base value, is only a bound (>12.9), judged as the final evaluation
    judges one: a target to hold is held where every figure the bound allows meets it and not held where none
    does; otherwise the judgement is the one every 完成进度 the bound allows gives (ahead when even the bound is
    ahead and the figures lie beyond it, behind likewise), or none, and the note says why. No 完成进度, 完成率 or
    gap is given: each would be a bound too. A base value that is a bound gives no 完成进度 at all."""
    if base is None:
        return [{"code": "no_base_value", "base_year": period.base_year}]
    if period.base_year in bounds:
        return [{"code": "base_bound", "year": period.base_year, "value": base,
                 "value_comparator": bounds[period.base_year]}]
    bound = bounds[year]
    schedule = ev.schedule_share(year, period.base_year, period.target_year)
    hold = ev.is_hold_target(base, goal, comparator, direction)
    out.update(hold_target=hold, schedule_share=schedule)
    said = {"year": year, "value": value, "value_comparator": bound}
    notes = []
    if hold:
        met = bound_meets_target(value, bound, goal, comparator, direction)
        out["schedule_judgement"] = None if met is None else ev.HELD if met else ev.NOT_HELD
        if met is not None:
            notes.append({"code": "hold", **said, "target": goal, "target_comparator": comparator})
    elif goal != base:
        share = ev.progress_share(base, value, goal)
        above = lies_above(bound) == (goal > base)      # the shares the bound allows lie above its own
        out["schedule_judgement"] = ev.schedule_judgement_on_bound(share, above, schedule)
        if out["schedule_judgement"]:
            strict = bound in (">", "<")
            notes.append({"code": "schedule_bound", **said, "progress": share, "schedule": schedule,
                          "progress_comparator": (">" if above else "<") + ("" if strict else "=")})
    else:   # a strict target on the base (>0.3 from 0.3, _schedule): met by every figure the bound allows, or by none
        met = bound_meets_target(value, bound, goal, comparator, direction)
        out["schedule_judgement"] = None if met is None else ev.AHEAD if met else ev.BEHIND
        if met is not None:
            notes.append({"code": "strict_on_base_met" if met else "strict_on_base_not_met", **said, "target": goal,
                          "target_comparator": comparator})
    if not out["schedule_judgement"]:
        notes.append({"code": "period_bound", **said, "schedule": schedule})
    if year < report_year:
        notes.append({"code": "latest_earlier", "year": year})
    return notes


def _sdg(by_year: dict, bounds: dict, period, year: int, value: float, goal: float, comparator: str,
         direction: str) -> ev.SdgProgress:
    """Open SDG's ratio on the figures: an earlier bound is left out (the base moves to the next figure, as where a
    value is missing), and where the value judged is a bound there is no growth to measure: achieved where every
    figure it allows meets the target, otherwise not assessable."""
    if year in bounds:
        met = bound_meets_target(value, bounds[year], goal, comparator, direction)
        return ev.SdgProgress(None, None, None, "", None, TARGET_MET if met else NOT_ASSESSABLE,
                              {"code": "bound", "year": year, "value": value, "value_comparator": bounds[year]})
    figures = [(y, v) for y, v in by_year.items() if y not in bounds]
    return ev.sdg_progress(figures, period.base_year, year, value, period.target_year, goal, comparator, direction)


def _cumulative_judgement(observed: list[dict], target: dict, period, final: bool, report_year: int, direction: str,
                          out: dict) -> dict:
    """A cumulative target (〔〕: the sum over the plan's years) against the sum of the yearly actuals from the
    first year of the period: at the target year 终期评估 (met or not), before it 完成进度 (the sum so far as a
    share of the target) against 序时进度. The sum needs the actual of every year; a missing year is named.
    A yearly actual known only as a bound (>16) makes the sum a bound (15.5 + >16 = >31.5), judged as the final
    evaluation judges one, with no 完成率, gap or 完成进度; lower and upper bounds together leave nothing to judge.
    Where less is better the 〔〕 figure is a cap (evaluation.is_cumulative_cap): in the period judged held while the
    sum is within it and not held once it is past it, which, the yearly new ones never being negative, can no longer
    be undone; no 完成进度 (a share of a cap is no progress), and 完成率 only at the target year (cap ÷ sum)."""
    goal, comparator = float(target["value"]), target["comparator"]
    first = period.base_year + 1
    in_period = [r for r in observed if first <= int(r["year"]) <= period.target_year]
    by_year = {int(r["year"]): float(r["value"]) for r in in_period}
    bounds = {int(r["year"]): r["comparator"] for r in in_period if is_bound(r.get("comparator"))}
    out.update(base_value=None, evaluated_year=None, evaluated_value=None, evaluated_comparator=None)
    out["sdg_notes"] = _notes({"code": "cumulative"})
    year = period.target_year if final else max(by_year, default=None)
    if year is None:
        return _with_notes(out, [{"code": "cumulative_no_actual", "first": first, "target_year": period.target_year}])
    missing = [y for y in range(first, year + 1) if y not in by_year]
    if missing:
        return _with_notes(out, [{"code": "cumulative_missing", "first": first, "year": year, "missing": missing}])
    years = range(first, year + 1)
    total = sum(by_year[y] for y in years)
    # (as typed, to six significant digits, never with an exponent: 1,500,000, not 1.5e+06; a bound with its sign)
    terms = " + ".join(bound_text(by_year[y], bounds.get(y, "="), digits=6) for y in years)
    summed = sum_comparator(bounds.get(y, "=") for y in years)
    schedule = ev.schedule_share(min(year, period.target_year), period.base_year, period.target_year)
    note = {"code": "cumulative_sum", "first": first, "year": year, "terms": terms, "total": total,
            "value_comparator": summed or "="}
    if summed is None:
        return _with_notes(out, [{"code": "cumulative_mixed_bounds", "first": first, "year": year, "terms": terms}])
    out.update(evaluated_year=year, evaluated_value=total, evaluated_comparator=summed, schedule_share=schedule)
    cap = ev.is_cumulative_cap(goal, comparator, direction)
    if cap:
        out["hold_target"] = True
    if is_bound(summed):
        return _with_notes(out, _cumulative_on_bound(out, note, year, total, summed, goal, comparator, period,
                                                     direction, cap))
    out["gap_to_target"] = total - goal
    if year >= period.target_year:
        out.update(completion_rate=ev.completion_rate(total, goal, direction),
                   progress_share=None if cap or goal == 0 else total / goal,
                   target_met=target_met(total, goal, comparator, direction))
        return _with_notes(out, [note] + ([{"code": "cap_sum_final", "target": goal}] if cap else []))
    if cap:
        held = target_met(total, goal, comparator, direction)
        judged = _cap_sum_judged(out, note, held, goal)
        pace = _cap_pace(total, year, period, goal, comparator, direction) if held else None
        return _with_notes(out, [{**judged, **pace} if pace else judged])
    out.update(completion_rate=ev.completion_rate(total, goal, direction),
               progress_share=None if goal == 0 else total / goal)
    if out["progress_share"] is not None:
        out["schedule_judgement"] = ev.schedule_judgement(out["progress_share"], out["schedule_share"])
    return _with_notes(out, [note])


def _cap_sum_judged(out: dict, note: dict, held: bool, goal: float) -> dict:
    """A cap on a sum in the period: held while the sum is within it; past it, not held, and the target can no longer
    be met (the yearly new ones are never negative: the sum only grows). The note says the sum and which."""
    out["schedule_judgement"] = ev.HELD if held else ev.NOT_HELD
    return {**note, "code": "cap_sum_held" if held else "cap_sum_exceeded", "target": goal}


def _cap_pace(total: float, year: int, period, goal: float, comparator: str, direction: str) -> dict | None:
    """A cap on a sum, still held, used up faster than the period allows: at the pace so far (the sum ÷ the years
    so far) the period's years would add up past it. The note (cap_sum_pace) gives the pace, what the whole period
    would add up to at it and the first year the sum would be past the cap; None where the pace keeps within it.
    〔7000〕 with 2,000 a year 2021–2022: 4,000, held; 2,000 × 5 = 10,000 > 7,000, and 2,000 × 4 = 8,000 is past it:
    in 2024. 1,400 a year: 1,400 × 5 = 7,000, within it (a share of a cap is no progress; only passing it counts)."""
    done, years = year - period.base_year, period.target_year - period.base_year
    pace = total / done
    passed = next((n for n in range(done + 1, years + 1)
                   if not target_met(round(pace * n, 9), goal, comparator, direction)), None)
    if passed is None:
        return None
    return {"code": "cap_sum_pace", "pace": pace, "projected": round(pace * years, 9), "period_years": years,
            "pass_year": period.base_year + passed}


def _change_judgement(observed: list[dict], target: dict, period, final: bool, report_year: int, direction: str,
                      out: dict) -> dict:
    """A 〔〕 target on a level (a `total`, `share` or `rate`: 高技能人才 万人, the workbook holds each year's level):
    the target is the change over the period, judged on the change from the base year's level to the value judged
    (at the target year 2.75 − 2 = 0.75 against 〔1〕: missed, 完成率 75%; in 2023 2.4 − 2 = 0.4, 完成进度 40%
    against 序时进度 60%: behind), never on the sum of the years' levels. The 〔〕 figure is the change with its
    sign, judged by the comparator in the indicator's direction. No base-year level, or a level known only as a
    bound, leaves it not assessable, and the note says why."""
    goal, comparator = float(target["value"]), target["comparator"]
    by_year = {int(r["year"]): float(r["value"]) for r in observed}
    bounds = {int(r["year"]): r.get("comparator") for r in observed if is_bound(r.get("comparator"))}
    base = by_year.get(period.base_year)
    out.update(base_value=base, evaluated_year=None, evaluated_value=None, evaluated_comparator=None)
    out["sdg_notes"] = _notes({"code": "cumulative"})
    later = [y for y in by_year if period.base_year < y <= period.target_year]
    year = period.target_year if final else max(later, default=None)
    if year is None or year not in by_year:
        return _with_notes(out, [{"code": "final_waits" if final else "no_actual_after_base",
                                  "target_year": period.target_year, "base_year": period.base_year}])
    if base is None:
        return _with_notes(out, [{"code": "change_no_base", "base_year": period.base_year}])
    if period.base_year in bounds or year in bounds:
        bounded = period.base_year if period.base_year in bounds else year
        return _with_notes(out, [{"code": "change_bound", "year": bounded, "value": by_year[bounded],
                                  "value_comparator": bounds[bounded]}])
    change = by_year[year] - base
    schedule = ev.schedule_share(year, period.base_year, period.target_year)
    # A cap on the change (less is better, 〔0.05〕: up by 0.05 at most) asks for no change: it is held or not, and
    # has no share of the way (0.02 of 0.05 is no 40% done; a fall, −0.03, no −60%).
    cap = ev.is_cumulative_cap(goal, comparator, direction)
    share = None if goal == 0 or cap else change / goal   # the share of the change asked for: 完成率 and 完成进度 alike
    out.update(evaluated_year=year, evaluated_value=change, evaluated_comparator="=", schedule_share=schedule,
               completion_rate=share, gap_to_target=change - goal, progress_share=share)
    notes = [{"code": "cumulative_change", "base_year": period.base_year, "base": base, "year": year,
              "value": by_year[year], "change": change}]
    if cap:
        out["hold_target"] = True
    if year >= period.target_year:
        out["target_met"] = target_met(change, goal, comparator, direction)
        if cap:
            notes.append({"code": "cap_change_final", "target": goal})
    elif cap:
        held = target_met(change, goal, comparator, direction)
        out["schedule_judgement"] = ev.HELD if held else ev.NOT_HELD
        notes.append({"code": "cap_change_held" if held else "cap_change_exceeded", "target": goal,
                      "base_year": period.base_year, "change": change, "target_year": period.target_year})
    elif share is not None:
        out["schedule_judgement"] = ev.schedule_judgement(share, schedule)
    return _with_notes(out, notes)


def _cumulative_on_bound(out: dict, note: dict, year: int, total: float, summed: str, goal: float, comparator: str,
                         period, direction: str, cap: bool) -> list[dict]:
    """A 〔〕 target's sum that is a bound (>31.5), with its note (the sum): at the target year met, missed or not
    assessable as a bounded actual is (bound_meets_target); before it ahead or behind only where every share of the
    target the bound allows says so, or for a cap held or not held only where every sum the bound allows is within
    it, or none is. No 完成率, gap or 完成进度 (each a bound)."""
    said = {"year": year, "value": total, "value_comparator": summed}
    if year >= period.target_year:
        out["target_met"] = bound_meets_target(total, summed, goal, comparator, direction)
        return [note] if out["target_met"] is not None else [note,
            {"code": "final_bound", **said, "target_year": year, "target": goal, "target_comparator": comparator}]
    if cap:
        held = bound_meets_target(total, summed, goal, comparator, direction)
        if held is not None:
            return [_cap_sum_judged(out, note, held, goal)]
    elif goal != 0:
        above = lies_above(summed) == (goal > 0)
        out["schedule_judgement"] = ev.schedule_judgement_on_bound(total / goal, above, out["schedule_share"])
    if out["schedule_judgement"]:
        return [note]
    return [note, {"code": "period_bound", **said, "schedule": out["schedule_share"]}]


def _schedule(base, year, value, goal, comparator, period, direction) -> dict:
    """完成进度 and 序时进度 with the judgement (in the period); at the target year the shares alone."""
    hold = ev.is_hold_target(base, goal, comparator, direction)
    out = {"hold_target": hold, "progress_share": None if hold else ev.progress_share(base, value, goal),
           "schedule_share": ev.schedule_share(min(year, period.target_year), period.base_year, period.target_year),
           "schedule_judgement": None}
    if year >= period.target_year:
        return out   # the final evaluation: target_met, not a schedule
    if hold:
        out["schedule_judgement"] = ev.HELD if target_met(value, goal, comparator, direction) else ev.NOT_HELD
    elif out["progress_share"] is None:
        # A strict target on the base value itself (>0.3 from 0.3, <8 from 8): any change the good way meets it, so
        # no share of the way can be computed (target − base is 0). Judged as any target already met in the period
        # is (its share would be 100% or more: ahead), or not yet met (no change the good way yet: behind).
        out["schedule_judgement"] = ev.AHEAD if target_met(value, goal, comparator, direction) else ev.BEHIND
    else:
        out["schedule_judgement"] = ev.schedule_judgement(out["progress_share"], out["schedule_share"])
    return out


def _schedule_notes(out: dict, year: int, value: float, goal: float, comparator: str, report_year: int,
                    period) -> list[dict]:
    """Why a 序时进度 judgement (the value against the target for a target to hold, else the two shares), and
    the year it is taken at when the latest actual is older than the report year."""
    notes = []
    if out["schedule_judgement"] and out["hold_target"]:
        notes.append({"code": "hold", "year": year, "value": value, "value_comparator": "=", "target": goal,
                      "target_comparator": comparator})
    elif out["schedule_judgement"] and out["progress_share"] is None:     # a strict target on the base (_schedule)
        met = out["schedule_judgement"] == ev.AHEAD
        notes.append({"code": "strict_on_base_met" if met else "strict_on_base_not_met", "year": year,
                      "value": value, "value_comparator": "=", "target": goal, "target_comparator": comparator})
    elif out["schedule_judgement"]:
        # the sentence writes whole percentages, more places where those would cross the 5-point line (55.04%
        # against 60.00%, never 55% against 60% beside 符合: ev.share_places)
        notes.append({"code": "schedule_shares", "year": year, "progress": out["progress_share"],
                      "schedule": out["schedule_share"],
                      "places": ev.share_places(out["progress_share"], out["schedule_share"], places=0)})
    if year < report_year and year < period.target_year:
        notes.append({"code": "latest_earlier", "year": year})
    return notes


def _sdg_columns(sdg: ev.SdgProgress | None) -> dict:
    return {"sdg_base_year": None if sdg is None else sdg.base_year,
            "observed_growth_since_base": None if sdg is None else sdg.observed_growth,
            "required_growth_base_to_target": None if sdg is None else sdg.required_growth,
            "sdg_growth_method": "" if sdg is None else sdg.method,
            "sdg_progress_ratio": None if sdg is None else sdg.ratio,
            "sdg_progress_category": None if sdg is None else sdg.category,
            "sdg_notes": "" if sdg is None else _notes(sdg.note)}


def _notes(note: dict | None) -> str:
    """One note as trends.csv stores notes: a JSON list of {code, values} (said by each reader in its language)."""
    return json.dumps([note], ensure_ascii=False) if note else ""


def _with_notes(out: dict, notes: list[dict]) -> dict:
    out["evaluation_notes"] = notes_json(notes)
    return out


def notes_json(notes: list[dict]) -> str:
    """Notes as the table stores them: a JSON list of {"code": …, values}; '' when there are none."""
    return json.dumps(notes, ensure_ascii=False) if notes else ""


def note_codes(stored) -> list[str]:
    """The codes of a row's stored notes (progress_notes, evaluation_notes), e.g. ['one_observation']."""
    if not isinstance(stored, str) or not stored:
        return []
    return [n["code"] for n in json.loads(stored)]


def target_counts(progress: pd.DataFrame) -> pd.DataFrame:
    """Per county, at its final evaluation: N of M targets met (M: targets with a target-year actual), the targets
    whose target-year actual is only a bound that cannot tell (>19.9 against 20: `bounded`), and those that cannot
    be judged yet (no target-year actual), from the verdict."""
    rows = []
    for entity, g in progress[progress["target_value"].notna()].groupby("entity", sort=False):
        final = g["plan_phase"].isin(FINAL_PHASES)
        met, missed = g[final & (g["verdict"] == TARGET_MET)], g[final & (g["verdict"] == TARGET_MISSED)]
        bounded = g[final & (g["verdict"] == NOT_ASSESSABLE) & g["evaluated_comparator"].map(is_bound)
                    & (g["evaluated_year"] == g["target_year"])]
        rows.append({"entity": entity, "entity_name_zh": g["entity_name_zh"].iloc[0],
                     "entity_name_en": g["entity_name_en"].iloc[0], "plan": g["plan"].iloc[0],
                     "plan_phase": g["plan_phase"].iloc[0], "target_year": int(g["target_year"].iloc[0]),
                     "targets": len(g), "judged": len(met) + len(missed), "met": len(met), "missed": len(missed),
                     "bounded": len(bounded), "not_judged": len(g) - len(met) - len(missed) - len(bounded),
                     "met_indicators": "、".join(met["indicator_name_zh"]),
                     "missed_indicators": "、".join(missed["indicator_name_zh"])})
    return pd.DataFrame(rows, columns=["entity", "entity_name_zh", "entity_name_en", "plan", "plan_phase",
                                       "target_year", "targets", "judged", "met", "missed", "bounded",
                                       "not_judged", "met_indicators", "missed_indicators"])
