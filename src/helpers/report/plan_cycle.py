"""What the report says about the plan cycle: which plan and period it evaluates, and the summary's lead.

The words are in helpers/core/wording/ (plan_cycle.* and summary.*); the years and period names come from
config/sources.yaml through each county's evaluated plan (helpers.core.periods), never from here.
"""
from __future__ import annotations

import pandas as pd

from helpers.analyse.evaluation import AHEAD, BEHIND, HELD, NOT_HELD, ON_SCHEDULE
from helpers.analyse.outlook import CLEAR_BREAK
from helpers.analyse.progress import target_counts
from helpers.core.config import PlanPeriod
from helpers.core.formatting import percent
from helpers.core.periods import AFTER, IN_PERIOD, TARGET_YEAR, period_label, phase
from helpers.core.wording import words

FINAL_PHASES = (TARGET_YEAR, AFTER)


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def plan_line(ctx) -> str:
    """Which plan and period the report evaluates, and where the report year stands in it (per county when
    the counties' plans or phases differ)."""
    w = words(ctx.lang)
    items: dict[str, list[str]] = {}
    for entity in ctx.inputs.entities:
        period = ctx.inputs.plan_of(entity).period
        item = w("plan_cycle.plan_item", period=period_label(period, ctx.lang), years=period.years,
                 phase=w(f"plan_cycle.phases.{phase(period, ctx.inputs.report_year)}"))
        items.setdefault(item, []).append(ctx.entity_name(entity))
    if len(items) == 1:
        return w("plan_cycle.plan_line", plans=next(iter(items)))
    parts = [w("plan_cycle.plan_for", counties=_sep(ctx.lang).join(names), plan=item) for item, names in items.items()]
    return w("plan_cycle.plan_line", plans=("；" if ctx.lang == "zh" else "; ").join(parts))


def lead_sentences(ctx) -> list[str]:
    """The summary's first sentences: at a final evaluation what was met and missed (N of M per county); in
    the period, 完成进度 against 序时进度; after a plan ended, what the next plan's targets ask of the trend."""
    p = ctx.progress
    out = []
    phases = p.groupby("entity", sort=False)["plan_phase"].first()
    final = [e for e, ph in phases.items() if ph in FINAL_PHASES]
    in_period = [e for e, ph in phases.items() if ph == IN_PERIOD]
    out += _final_sentences(ctx, final)
    out += _schedule_sentences(ctx, in_period)
    outlook = _outlook_sentence(ctx)
    if outlook:
        out.append(outlook)
    return out


def _final_sentences(ctx, entities: list[str]) -> list[str]:
    if not entities:
        return []
    w = words(ctx.lang)
    counts = target_counts(ctx.progress[ctx.progress["entity"].isin(entities)])
    if ctx.many:
        c = counts.sum(numeric_only=True)
        return [w("summary.final_many", n=len(counts), met=int(c["met"]), judged=int(c["judged"]),
                  missed=int(c["missed"]), pending=int(c["not_judged"]))]
    out = []
    p = ctx.progress
    for row in counts.itertuples():
        period = ctx.inputs.plan_of(row.entity).period
        if not row.judged:
            out.append(w("summary.final_none", county=ctx.entity_name(row.entity),
                         period=period_label(period, ctx.lang), years=period.years, n=row.not_judged,
                         year=period.target_year))
            continue
        rows = p[(p["entity"] == row.entity) & p["target_met"].notna()]
        missed = [ctx.indicator_name(i) for i in rows.loc[~rows["target_met"].astype(bool), "indicator_id"]]
        text = w("summary.final", county=ctx.entity_name(row.entity), period=period_label(period, ctx.lang),
                 years=period.years, met=row.met, judged=row.judged, missed=row.missed)
        if missed:
            text += w("summary.final_missed", names=_sep(ctx.lang).join(missed))
        if row.not_judged:
            text += w("summary.final_pending", n=row.not_judged, year=period.target_year)
        out.append(text + w("summary.end"))
    return out


def _schedule_sentences(ctx, entities: list[str]) -> list[str]:
    w = words(ctx.lang)
    p = ctx.progress
    out = []
    groups = [entities] if ctx.many else [[e] for e in entities]
    for group in groups:
        rows = p[p["entity"].isin(group) & p["schedule_judgement"].notna()]
        if rows.empty:
            continue
        counts = rows["schedule_judgement"].value_counts()
        period = ctx.inputs.plan_of(group[0]).period
        county = w("summary.counties", n=len(group)) if ctx.many else ctx.entity_name(group[0])
        text = w("summary.schedule", county=county, period=period_label(period, ctx.lang),
                 year=int(rows["evaluated_year"].max()), schedule=percent(rows["schedule_share"].max()),
                 ahead=int(counts.get(AHEAD, 0)), on=int(counts.get(ON_SCHEDULE, 0)), behind=int(counts.get(BEHIND, 0)))
        if counts.get(HELD, 0) or counts.get(NOT_HELD, 0):
            text += w("summary.schedule_held", held=int(counts.get(HELD, 0)), not_held=int(counts.get(NOT_HELD, 0)))
        out.append(text + w("summary.end"))
    return out


def _outlook_sentence(ctx) -> str:
    o = getattr(ctx, "outlook", None)
    if o is None or o.empty:
        return ""
    w = words(ctx.lang)
    first = o.iloc[0]
    period = period_label(PlanPeriod(first["next_plan"], int(first["next_base_year"]), int(first["next_target_year"])),
                          ctx.lang)
    with_target = o[o["next_target_value"].notna()]
    if with_target.empty:
        return w("summary.outlook_drafting", period=period, year=int(first["next_target_year"]))
    breaks = with_target[with_target["target_reading"] == CLEAR_BREAK]
    text = w("summary.outlook", period=period, n=len(with_target), breaks=len(breaks))
    if len(breaks):
        examples = [f"{ctx.entity_name(r.entity)}{'' if ctx.lang == 'zh' else ' '}{ctx.indicator_name(r.indicator_id)}"
                    for r in breaks.head(3).itertuples()]
        text += w("summary.outlook_examples", names=_sep(ctx.lang).join(examples))
    return text + w("summary.end")


def final_counts_line(ctx, entity: str) -> str:
    """'N of M targets met' for one county, for the final-evaluation section."""
    counts = target_counts(ctx.progress[ctx.progress["entity"] == entity])
    if counts.empty:
        return ""
    row = counts.iloc[0]
    if not row["judged"]:
        return words(ctx.lang)("plan_cycle.counts_none", county=ctx.entity_name(entity), n=int(row["not_judged"]),
                               year=int(row["target_year"]))
    w = words(ctx.lang)
    text = w("plan_cycle.counts", county=ctx.entity_name(entity), met=int(row["met"]), judged=int(row["judged"]))
    if row["not_judged"]:
        text += w("plan_cycle.counts_pending", pending=int(row["not_judged"]), year=int(row["target_year"]))
    return text + w("summary.end")


def is_final(progress: pd.DataFrame) -> bool:
    return progress["plan_phase"].isin(FINAL_PHASES).any()
