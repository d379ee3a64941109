"""Page 1 of both documents: the headline judgements (chapters.summary) and the scorecard, one coloured
judgement per county and indicator for the report year, with a legend and a note on how this year judges."""
from __future__ import annotations

import pandas as pd

from helpers.analyse.evaluation import AHEAD, BEHIND, HELD, NOT_HELD, ON_SCHEDULE, SCHEDULE_TOLERANCE
from helpers.analyse.growth import (
    CATEGORIES,
    LIMITED_PROGRESS,
    MOVING_AWAY,
    NEEDS_ACCELERATION,
    NOT_ASSESSABLE,
    ON_TRACK,
    TARGET_MET,
    TARGET_MISSED,
)
from helpers.core.periods import FINAL_PHASES, IN_PERIOD
from helpers.report.blocks import Cell, Column, Html, Table, chapter, legend, light
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import ReportContext

# The scorecard's judgement per county and indicator, by where the report year stands in the county's plan.
SCORECARD_JUDGEMENT = "scorecard_judgement"


# Its codes in the order a legend shows them, best first.
JUDGEMENT_ORDER = [TARGET_MET, AHEAD, ON_TRACK, ON_SCHEDULE, HELD, NEEDS_ACCELERATION, LIMITED_PROGRESS, BEHIND,
                   MOVING_AWAY, NOT_HELD, TARGET_MISSED, NOT_ASSESSABLE]


# The codes each kind of year can give (the legend shows these, and any other the scorecard holds).
PHASE_CODES = {
    "final": [TARGET_MET, TARGET_MISSED, NOT_ASSESSABLE],
    IN_PERIOD: [AHEAD, ON_SCHEDULE, BEHIND, HELD, NOT_HELD, NOT_ASSESSABLE],
    "base": [c for c in CATEGORIES if c != TARGET_MISSED],
}


def scorecard_judgements(progress: pd.DataFrame) -> pd.Series:
    """One judgement per row of the progress table (trends.csv) for the report year:
    - at the final evaluation (the report year is the plan's target year, or later with no next plan): met or
      not met (target_met); not assessable while the target year's actual is missing;
    - in the period: the 序时进度 judgement (快于 / 符合 / 慢于序时进度; 保持 / 未保持 for hold targets);
    - at the base year, and in the period where no 序时进度 can be judged (no base-year value): the progress
      category, i.e. what is assessable: growth achieved (from an earlier baseline) against growth required."""
    final = progress["plan_phase"].isin(FINAL_PHASES)
    met = progress["target_met"].astype("boolean")
    out = progress["progress_category"].copy()
    schedule = progress["schedule_judgement"]
    in_period = ~final & schedule.notna() & (schedule.astype("string") != "")
    out[in_period] = schedule[in_period]
    out[final] = NOT_ASSESSABLE
    out[final & met.eq(True).fillna(False)] = TARGET_MET
    out[final & met.eq(False).fillna(False)] = TARGET_MISSED
    return out


def scorecard_kind(ctx: ReportContext) -> str:
    """final, in_period, base (the base year or before it), or mixed: which judgements the scorecard shows."""
    phases = set(ctx.progress["plan_phase"])
    kinds = {"final" if ph in FINAL_PHASES else IN_PERIOD if ph == IN_PERIOD else "base" for ph in phases}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def scorecard_codes(ctx: ReportContext, judgements: pd.Series) -> list[str]:
    """The legend's codes: those the kind of year can give, and any other the scorecard holds, in order."""
    kind = scorecard_kind(ctx)
    possible = set(judgements.dropna()) | set(PHASE_CODES.get(kind, []))
    return [c for c in JUDGEMENT_ORDER if c in possible]


def scorecard_tables(ctx: ReportContext, judgements: pd.Series | None = None) -> list[Table]:
    """Each county, each indicator, one coloured judgement for the report year (scorecard_judgements)."""
    p = ctx.progress
    judgements = scorecard_judgements(p) if judgements is None else judgements
    judgement = dict(zip(zip(p["entity"], p["indicator_id"]), judgements))
    final = dict(zip(zip(p["entity"], p["indicator_id"]), p["plan_phase"].isin(FINAL_PHASES)))
    indicators = [i for i in ctx.inputs.catalogue.indicators if i in set(p["indicator_id"])]
    entities = ctx.inputs.entities
    if ctx.many:
        short = ctx.w.table("categories_short")
        columns = [Column(ctx.t("report.county"), "nowrap")] + [Column(ctx.indicator_name(i),
                                                                       "judgement") for i in indicators]
        rows = [[ctx.entity_name(e)] + [Cell(short[judgement[(e, i)]], light=judgement[(e, i)])
                                        if (e, i) in judgement else Cell("") for i in indicators]
                for e in entities]
        return [Table(columns, rows, css="scorecard matrix")]
    columns = [Column(ctx.t("report.indicator"))] + [Column(ctx.entity_name(e), "judgement") for e in entities]
    rows = [[ctx.indicator_name(i)] + [light(ctx, judgement.get((e, i)), final.get((e, i), False)) for e in entities]
            for i in indicators]
    if len(entities) > SCORECARD_HALVES_UP_TO:
        return [Table(columns, rows, css="scorecard")]
    # Two half tables side by side on paper and wide screens (one under the other on a phone): the whole
    # scorecard fits on page 1 with the headline judgements.
    half = (len(rows) + 1) // 2
    return [Table(columns, rows[:half], css="scorecard"), Table(columns, rows[half:], css="scorecard")]


SCORECARD_HALVES_UP_TO = 3  # counties: with more, a half table is too narrow for its columns


def summary_section(ctx: ReportContext, document: str = "report") -> Html:
    """Page 1 of both documents: the headline judgements (the brief's fewer: chapters.summary) and the
    scorecard, with how it judges this year."""
    judgements, kind = scorecard_judgements(ctx.progress), scorecard_kind(ctx)
    return chapter(ctx, "summary", ctx.t("report.summary"), [
        {"kind": "list", "css": "summary", "entries": executive_summary(ctx, document)},
        {"kind": "heading", "text": ctx.t(f"report.scorecard_{kind}")},
        legend(ctx, short=ctx.many, note=ctx.t("report.not_in_plan"), codes=scorecard_codes(ctx, judgements),
               final=kind == "final"),
        {"kind": "notes", "entries": [ctx.t(f"report.scorecard_note_{kind}",
                                            tolerance=f"{SCHEDULE_TOLERANCE * 100:g}")]},
        {"kind": "tables", "tables": scorecard_tables(ctx, judgements)},
    ], first=True)


