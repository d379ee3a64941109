"""Progress against the plan: at a final evaluation met or missed, 完成率 and the gap, N of M per county; in the
period 完成进度 against 序时进度 with the judgement and the Open SDG ratio. Nothing at a plan's base year."""
from __future__ import annotations

import pandas as pd

from helpers.analyse.evaluation import SUMMED_MEASURES, shown_rate, shown_ratio, shown_shares
from helpers.analyse.growth import NOT_ASSESSABLE, TARGET_MET, TARGET_MISSED, is_bound
from helpers.analyse.inputs import observed_up_to, series
from helpers.analyse.progress import target_counts
from helpers.core.method import method_parameters
from helpers.core.periods import FINAL_PHASES, period_label, period_years, years
from helpers.core.records import place_of_row
from helpers.report.blocks import (
    MAX_SENTENCES,
    Column,
    Html,
    Table,
    chapter,
    difference_text,
    indicator_cell,
    indicator_with_unit,
    light,
    source_ref,
    target_text,
    value_text,
    year_value_text,
)
from helpers.report.context import ReportContext


# With many counties the tables keep the rows that most need attention; every row is in the results workbook.
def many_rows() -> int:
    """With many counties the tables keep this many rows, those that most need attention (config/method.yaml);
    every row is in the results workbook."""
    return method_parameters().rows_with_many_counties


def flag(row, name: str) -> bool:
    """A yes/no column of trends.csv on a row (False when the column is absent or empty)."""
    value = getattr(row, name, False)
    return False if value is None or pd.isna(value) else bool(value)


def marked_target(ctx: ReportContext, row) -> str:
    """The target as the plan states it: its comparator, 约 for 左右 (approximate), 〔〕 for a five-year sum, and a
    star for a binding (约束性) target (marks_notes says what each means)."""
    text = target_text(ctx, row.target_value, row.target_comparator)
    if text == "—":
        return text
    if flag(row, "target_approximate"):
        text = ctx.t("plan_cycle.marks.approximate", value=text)
    if flag(row, "target_cumulative"):
        text = ctx.t("plan_cycle.marks.cumulative", value=text)
    return text + (ctx.t("plan_cycle.marks.binding") if flag(row, "target_binding") else "")


def marked_value(ctx: ReportContext, row, year, value, base: bool = False) -> str:
    """A year's actual: for a cumulative target the sum over the period's years (a count's) or the change since the
    base year (a level's: total, share, rate); (预计) for an estimated base,
    (快报) for a preliminary count."""
    if flag(row, "target_cumulative") and not base and value is not None and not pd.isna(value) and \
            getattr(row, "measure", None) not in SUMMED_MEASURES:      # a level's change since the base year: +0.75
        text = f"{years(int(row.base_year), int(year), ctx.lang)}: {'+' if value > 0 else ''}{value_text(ctx, value)}"
    elif flag(row, "target_cumulative") and not base and value is not None and not pd.isna(value):
        text = (f"{years(int(row.base_year) + 1, int(year), ctx.lang)}: "      # (a sum with a bounded term: a bound)
                f"{value_text(ctx, value, getattr(row, 'evaluated_comparator', None))}")
    else:   # the value judged may be a bound (>19.9), shown as such; a base value is the plan's own
        text = year_value_text(ctx, year, value, None if base else getattr(row, "evaluated_comparator", None))
    if text == "—":
        return text
    if base and flag(row, "base_estimated"):
        text += ctx.t("plan_cycle.marks.estimated")
    if flag(row, "base_preliminary" if base else "evaluated_preliminary"):
        text += ctx.t("plan_cycle.marks.preliminary")
    return text


MARKS = ("binding", "approximate", "cumulative")


def marks_notes(ctx: ReportContext, rows: pd.DataFrame, marks=MARKS) -> list[str]:
    """What the marks in a table of targets mean, for those it shows."""
    def shown(mark: str) -> bool:
        columns = {"estimated": ["base_estimated"], "preliminary": ["base_preliminary", "evaluated_preliminary"]}
        return any(rows[c].fillna(False).astype(bool).any() for c in columns.get(mark, [f"target_{mark}"])
                   if c in rows)
    return [note for m in marks if shown(m)
            for note in (estimate_notes(ctx, rows) if m == "estimated" else [ctx.t(f"plan_cycle.marks_note.{m}")])]


def estimate_notes(ctx: ReportContext, rows: pd.DataFrame) -> list[str]:
    """What (预计) beside a base value means, by where the estimate comes from: a plan's table (its 预计 column,
    cell or mark), or a monitoring workbook's row whose 备注 marks it (each named by its county, indicator and
    cell: the analysis's own base-year record, observed_up_to). Before, a workbook's estimate was footnoted as the
    plan table's."""
    in_plans, places = False, []
    for r in rows.itertuples():
        if not flag(r, "base_estimated"):
            continue
        base_year = int(r.base_year)
        record = next((o for o in observed_up_to(series(ctx.inputs, r.entity, r.indicator_id), base_year, base_year)
                       if int(o["year"]) == base_year and o.get("estimated")), None)
        if record is not None and record.get("origin") == "monitoring":
            places.append(ctx.t("plan_cycle.estimate_place", county=ctx.entity_name(r.entity),
                                indicator=ctx.indicator_name(r.indicator_id),
                                place=source_ref(ctx, place_of_row(record))))
        else:
            in_plans = True
    return ([ctx.t("plan_cycle.marks_note.estimated")] if in_plans else []) + \
        ([ctx.t("plan_cycle.marks_note.estimated_workbook", places=ctx.t("notes.sep").join(places))]
         if places else [])


def plan_section(ctx: ReportContext) -> Html:
    """At a final evaluation: met or missed, 完成率 and the gap, N of M per county. In the period: 完成进度
    against 序时进度 with the judgement and the Open SDG ratio. Nothing at a plan's base year."""
    p = ctx.progress
    final = p[p["plan_phase"].isin(FINAL_PHASES) & p["target_value"].notna()]
    in_period = p[~p["plan_phase"].isin(FINAL_PHASES) & p["schedule_judgement"].notna()]
    blocks: list[dict] = []
    if len(final):
        blocks += _final_blocks(ctx, final)
    if len(in_period):
        if blocks:
            blocks.append({"kind": "heading", "text": ctx.t("plan_cycle.schedule_title")})
        blocks += _schedule_blocks(ctx, in_period)
    if not blocks:
        return Html("")
    return chapter(ctx, "plan", ctx.t("plan_cycle.final_title") if len(final) else ctx.t("plan_cycle.schedule_title"),
                   blocks)


def _final_blocks(ctx: ReportContext, rows: pd.DataFrame) -> list[dict]:
    counts = [final_counts_line(ctx, e) for e in dict.fromkeys(rows["entity"])]
    # met or missed; the targets still waiting for their year's actual are counted above
    judged = rows[rows["verdict"].isin([TARGET_MET, TARGET_MISSED])]
    if ctx.many:   # the misses that matter most: binding first, as the brief has them
        judged, _ = shortlist(judged[judged["verdict"] == TARGET_MISSED], "completion_rate", many_rows())
    body = []
    for r in judged.itertuples():
        body.append([ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id, r.comparability),
                     light(ctx, r.verdict, final=True),
                     marked_target(ctx, r), marked_value(ctx, r, r.evaluated_year, r.evaluated_value),
                     shown_rate(r.completion_rate), difference_text(ctx, r.gap_to_target, r.unit)])
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("plan_cycle.col_met"), "judgement"), Column(ctx.t("plan_cycle.col_target"), "num"),
               Column(ctx.t("plan_cycle.col_actual"), "num"), Column(ctx.t("plan_cycle.col_completion"), "num",
                                                                     fold=True),
               Column(ctx.t("plan_cycle.col_gap"), "num", fold=True)]
    notes = [ctx.t("plan_cycle.final_note")] + marks_notes(ctx, judged, MARKS + ("preliminary",)) + \
        ([ctx.t("plan_cycle.many_note", n=len(judged))] if ctx.many else [])
    blocks = [{"kind": "list", "css": "summary", "entries": counts}]
    if body:
        blocks.append({"kind": "table", "table": Table(columns, body, more=ctx.t("report.more"))})
    return blocks + [{"kind": "notes", "entries": notes}]


def _schedule_blocks(ctx: ReportContext, rows: pd.DataFrame) -> list[dict]:
    if ctx.many:
        rows, _ = shortlist(rows.assign(_lag=rows["progress_share"] - rows["schedule_share"]), "_lag", many_rows())
    body = []
    for r in rows.itertuples():
        body.append([ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id, r.comparability),
                     light(ctx, r.verdict),       # the one judgement: 已达目标 where the latest actual meets it
                     *shown_shares(r.progress_share, r.schedule_share),   # on the judgement's side of the line
                     marked_value(ctx, r, r.base_year, r.base_value, base=True),
                     marked_value(ctx, r, r.evaluated_year, r.evaluated_value), marked_target(ctx, r),
                     shown_ratio(r.sdg_progress_ratio)])
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("plan_cycle.col_judgement"), "judgement"), Column(ctx.t("plan_cycle.col_progress"), "num"),
               Column(ctx.t("plan_cycle.col_schedule"), "num"), Column(ctx.t("plan_cycle.col_base"), "num", fold=True),
               Column(ctx.t("plan_cycle.col_latest"), "num", fold=True), Column(ctx.t("plan_cycle.col_target"), "num",
                                                                                fold=True),
               Column(ctx.t("plan_cycle.col_sdg"), "num", fold=True)]
    notes = [ctx.t("plan_cycle.schedule_note") + ctx.t("plan_cycle.sdg_note")] + \
        marks_notes(ctx, rows, MARKS + ("estimated", "preliminary")) + \
        ([ctx.t("plan_cycle.many_note", n=len(rows))] if ctx.many else [])
    return [{"kind": "table", "table": Table(columns, body, more=ctx.t("report.more"))}, {"kind": "notes",
                                                                                          "entries": notes}]


def final_counts_line(ctx: ReportContext, entity: str) -> str:
    """'N of M targets met' for one county, for the final-evaluation section."""
    counts = target_counts(ctx.progress[ctx.progress["entity"] == entity])
    if counts.empty:
        return ""
    row = counts.iloc[0]
    if not row["judged"]:
        return ctx.t("plan_cycle.counts_none", county=ctx.entity_name(entity), n=int(row["not_judged"]),
                     year=int(row["target_year"]))
    text = ctx.t("plan_cycle.counts", county=ctx.entity_name(entity), met=int(row["met"]), judged=int(row["judged"]))
    if row["not_judged"]:
        text += ctx.t("plan_cycle.counts_pending", pending=int(row["not_judged"]), year=int(row["target_year"]))
    if row["bounded"]:
        text += ctx.t("plan_cycle.counts_bounded", names=ctx.names(bounded_names(ctx, entity)),
                      year=int(row["target_year"]))
    return text + ctx.t("summary.end")


def bounded_names(ctx: ReportContext, entity: str) -> list[str]:
    """The indicators whose target-year actual is only a bound that cannot tell (target_counts' `bounded`), as a
    sentence names them."""
    p = ctx.progress
    rows = p[(p["entity"] == entity) & p["plan_phase"].isin(FINAL_PHASES) & (p["verdict"] == NOT_ASSESSABLE)
             & p["evaluated_comparator"].map(is_bound) & (p["evaluated_year"] == p["target_year"])]
    return [ctx.indicator_in_sentence(i) for i in rows["indicator_id"]]




# ----------------------------------------------------------------------------- the brief: what was missed, or lags

# The brief's table of misses (or of indicators behind schedule) keeps the rows that matter most: every binding
# (约束性) one, up to BRIEF_BINDING_ROWS (about a page), then the others, worst first, up to BRIEF_ROWS rows in all.
# The rows it leaves out are counted in words, with where they all are: never dropped silently.
BRIEF_ROWS = 12
BRIEF_BINDING_ROWS = 36


def misses_brief(ctx: ReportContext) -> Html:
    """The brief's account of the plan: at a final evaluation N of M met per county and the targets missed,
    binding (约束性) first where the plan marks them, the widest misses next; in the period the indicators
    behind 序时进度. At a base year nothing: the summary and the figures say what the plan asks."""
    p = ctx.progress
    final = p[p["plan_phase"].isin(FINAL_PHASES) & p["target_value"].notna()]
    if len(final):
        return _misses(ctx, final)
    behind = p[~p["plan_phase"].isin(FINAL_PHASES) & p["schedule_judgement"].notna()]
    if len(behind):
        return _behind(ctx, behind)
    return Html("")


def _binding_first(rows: pd.DataFrame, then: str) -> pd.DataFrame:
    binding = rows["target_binding"].astype("boolean").fillna(False).astype(bool) if "target_binding" in rows \
        else False
    return rows.assign(_binding=binding).sort_values(["_binding", then], ascending=[False, True], kind="stable")


def shortlist(rows: pd.DataFrame, then: str, limit: int | None = None,
              binding_limit: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows a short table keeps, and those it leaves out: every binding row first (up to binding_limit,
    however small `limit`), then the others in the order of `then` (lowest first) while there is room for `limit`
    rows in all (by default the brief's BRIEF_BINDING_ROWS and BRIEF_ROWS). Both with the column `_binding`."""
    limit = BRIEF_ROWS if limit is None else limit
    binding_limit = BRIEF_BINDING_ROWS if binding_limit is None else binding_limit
    ordered = _binding_first(rows, then)
    binding = ordered[ordered["_binding"]].head(binding_limit)
    others = ordered[~ordered["_binding"]].head(max(0, limit - len(binding)))
    kept = pd.concat([binding, others])
    return kept, ordered.drop(kept.index)


def left_out_note(ctx: ReportContext, left: pd.DataFrame, kind: str, section: str) -> str:
    """'N more … are not listed here (K of them binding); all are in …': the report's section that lists them
    all, or, with many counties (the report keeps the worst too), the results workbook's progress sheet."""
    where = (ctx.t("report.in_workbook", sheet=ctx.t("workbook.sheets.progress")) if ctx.many
             else ctx.t("report.in_report", section=ctx.t(section)))
    binding = int(left["_binding"].sum())
    key = f"report.{kind}_more" + ("_binding" if binding else "")
    return ctx.t(key, n=len(left), binding=binding, where=where)


def _misses(ctx: ReportContext, rows: pd.DataFrame) -> Html:
    blocks: list[dict] = []
    counties = list(dict.fromkeys(rows["entity"]))
    if not ctx.many and len(counties) > MAX_SENTENCES:
        # N of M per county is the brief summary's first sentences (chapters.summary._final_sentences), said once;
        # here only when the summary has no room for every county's sentence
        blocks.append({"kind": "list", "css": "summary", "entries": [final_counts_line(ctx, e) for e in counties]})
    missed, left = shortlist(rows[rows["verdict"] == TARGET_MISSED], "completion_rate")   # the one judgement
    if missed.empty:
        # "every target judged was met" only where some target was judged: with no target-year actual, none was
        judged = rows["verdict"].isin([TARGET_MET, TARGET_MISSED]).any()
        none = "report.misses_none" if judged else "report.misses_none_judged"
        blocks.append({"kind": "notes", "entries": [ctx.t(none, whose=whose_plans(ctx, rows))]})
        return chapter(ctx, "plan", ctx.t("report.misses_title"), blocks)
    body = [[ctx.entity_name(r.entity), indicator_with_unit(ctx, r.indicator_id, r.unit, r.comparability),
             marked_target(ctx, r), _judged_value(ctx, r), shown_rate(r.completion_rate)] for r in missed.itertuples()]
    # Every column stays on a phone: the target-year actual against the target is what the table is for.
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("plan_cycle.col_target"), "num"), Column(actual_heading(ctx, missed), "num"),
               Column(ctx.t("plan_cycle.col_completion"), "num")]
    blocks.append({"kind": "table", "table": Table(columns, body, more=ctx.t("report.more"))})
    notes = ([ctx.t("report.misses_binding")] if missed["_binding"].any() else []) + marks_notes(ctx, missed)
    if len(left):
        notes.append(left_out_note(ctx, left, "misses", "plan_cycle.final_title"))
    if notes:
        blocks.append({"kind": "notes", "entries": notes})
    return chapter(ctx, "plan", ctx.t("report.misses_title"), blocks)


def whose_plans(ctx: ReportContext, rows: pd.DataFrame) -> str:
    """Whose plans, and which, a note about `rows` speaks of: 建德市、安吉县“十四五”规划（2021—2025年）. In a brief of
    every county another county may be under another plan (桐庐 in its 十五五, its 十四五's misses in the summary's
    sentence): the note says it of these counties and this plan only (redteam5)."""
    by_period: dict = {}
    for entity in dict.fromkeys(rows["entity"]):
        by_period.setdefault(ctx.inputs.plan_of(entity).period, []).append(entity)
    return ctx.t("report.item_sep").join(
        ctx.t("report.misses_whose", period=period_label(period, ctx.lang), years=period_years(period, ctx.lang),
              counties=ctx.t("summary.counties", n=len(entities)) if ctx.many
              else ctx.names(ctx.entity_name(e) for e in entities))
        for period, entities in by_period.items())


def actual_heading(ctx: ReportContext, rows: pd.DataFrame) -> str:
    """The heading of the column of judged actuals: the year they are for (2025年实际) when the rows share one,
    the target year's actual in general when they do not (counties whose plans end in different years)."""
    years = rows["evaluated_year"].dropna().unique()
    if len(years) == 1:
        return ctx.t("plan_cycle.col_actual_year", year=int(years[0]))
    return ctx.t("plan_cycle.col_actual")


def _judged_value(ctx: ReportContext, row) -> str:
    """The value a final evaluation judged: the target year's actual, or for a 〔〕 target the sum over the years."""
    if flag(row, "target_cumulative"):
        return marked_value(ctx, row, row.evaluated_year, row.evaluated_value)
    return value_text(ctx, row.evaluated_value, getattr(row, "evaluated_comparator", None))


def _behind(ctx: ReportContext, rows: pd.DataFrame) -> Html:
    from helpers.analyse.evaluation import BEHIND, NOT_HELD
    behind = rows[rows["verdict"].isin([BEHIND, NOT_HELD])]                                 # the one judgement
    behind, left = shortlist(behind.assign(_lag=behind["progress_share"] - behind["schedule_share"]), "_lag")
    if behind.empty:
        return chapter(ctx, "plan", ctx.t("report.behind_title"),
                       [{"kind": "notes", "entries": [ctx.t("report.behind_none")]}])
    body = [[ctx.entity_name(r.entity), indicator_with_unit(ctx, r.indicator_id, r.unit, r.comparability),
             *shown_shares(r.progress_share, r.schedule_share), marked_target(ctx, r)] for r in behind.itertuples()]
    # On a phone 完成进度 keeps 序时进度 beside it (the one without the other says nothing); the target folds.
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("plan_cycle.col_progress"), "num"), Column(ctx.t("plan_cycle.col_schedule"), "num"),
               Column(ctx.t("plan_cycle.col_target"), "num", fold=True)]
    notes = ([ctx.t("report.misses_binding")] if behind["_binding"].any() else []) + \
        [ctx.t("plan_cycle.schedule_note")] + marks_notes(ctx, behind)
    if len(left):
        notes.append(left_out_note(ctx, left, "behind", "plan_cycle.schedule_title"))
    return chapter(ctx, "plan", ctx.t("report.behind_title"),
                   [{"kind": "table", "table": Table(columns, body, more=ctx.t("report.more"))},
                    {"kind": "notes", "entries": notes}])
