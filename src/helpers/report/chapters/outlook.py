"""The outlook for drafting the next plan, after a plan's target year: each series projected to the next target
year with its narrow and wide intervals, the next plan's target and where it falls in the trend, growth achieved
against growth the new target needs."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from helpers.analyse import charts
from helpers.analyse.growth import MOVING_AWAY, NEEDS_ACCELERATION, ON_TRACK, RATE_ABSOLUTE
from helpers.analyse.outlook import FELL_BACK, KEPT_PACE, SLOWED, row_period
from helpers.core.formatting import interval
from helpers.core.formatting import percent as fmt_pct
from helpers.core.formatting import projection as fmt_projection
from helpers.core.method import method_parameters
from helpers.core.periods import period_label, period_years, years
from helpers.report.blocks import (
    Cell,
    Column,
    Figure,
    Html,
    Table,
    bound_caption,
    chapter,
    figure_block,
    figures,
    indicator_cell,
    indicator_with_unit,
    rate_text,
    target_text,
    value_text,
    year_value_text,
)
from helpers.report.chapters.plan import many_rows
from helpers.report.context import ReportContext


def _periods(o: pd.DataFrame, lang: str) -> tuple[str, str, int]:
    first = o.iloc[0]
    nxt, ended = row_period(first, "next"), row_period(first, "ended")
    return period_label(ended, lang), period_label(nxt, lang), nxt.target_year


NEXT_PLAN = ("next_plan", "next_target_year")
PLANS = ("ended_plan", *NEXT_PLAN)


def outlook_groups(ctx: ReportContext, o: pd.DataFrame, by=PLANS) -> list[tuple[list[str], pd.DataFrame]]:
    """The outlook's rows by the plans they are about: the counties whose ended plan and next plan are the same
    (by=NEXT_PLAN: whose next plan is), with their rows, in the report's order of counties. One group for counties
    on one plan cycle; counties on different periods (in 2025 建德's 十四五 ended, its 十五五 to draft, while 桐庐's
    十五五 has only begun) each get their own plans' names and years, never another county's."""
    key = list(zip(*(o[c] for c in by)))
    groups: dict[tuple, list[str]] = {}
    for entity in ctx.inputs.entities:
        for k in dict.fromkeys(k for k, e in zip(key, o["entity"]) if e == entity):
            groups.setdefault(k, []).append(entity)
    return [(entities, o[[k == g and e in entities for k, e in zip(key, o["entity"])]])
            for g, entities in groups.items()]


def whole(ctx: ReportContext, groups: list) -> bool:
    """The outlook is about every county of the report, on one plan cycle: its words need not name the counties."""
    return len(groups) == 1 and set(groups[0][0]) == set(ctx.inputs.entities)


def group_counties(ctx: ReportContext, entities: list[str]) -> str:
    return ctx.t("report.many_entities", n=len(entities)) if ctx.many else ctx.names(map(ctx.entity_name, entities))


def outlook_section(ctx: ReportContext) -> Html:
    """After a plan's target year: each series projected to the next target year (narrow and wide intervals),
    the next plan's target and where it falls, growth achieved against growth the new target needs. Counties on
    different plan cycles: a table for each, headed with its counties, next plan and year."""
    o = ctx.outlook
    if o is None or o.empty:
        return Html("")
    rows = o[(o["trend_n_obs"] >= 2) | o["next_target_value"].notna()]
    if ctx.many:
        rows = rows.sort_values("acceleration_needed", ascending=False, na_position="last").head(many_rows())
    groups = outlook_groups(ctx, rows) if len(rows) else [(list(ctx.inputs.entities), rows)]
    tables: list[dict] = []
    for entities, g in groups:
        ended, nxt, year = _periods(g if len(g) else o, ctx.lang)
        if len(groups) > 1:
            tables.append({"kind": "heading", "text": ctx.t("report.outlook_group", counties=group_counties(
                ctx, entities), plan=ctx.next_plan(row_period((g if len(g) else o).iloc[0], "next")), year=year)})
        tables.append({"kind": "table", "table": _outlook_table(ctx, g, ended, nxt, year)})
    ended, nxt, year = _periods(o, ctx.lang)
    notes = [ctx.t("plan_cycle.outlook_note")] + ([ctx.t("plan_cycle.many_note", n=many_rows())] if ctx.many else [])
    # (the years since the plan ended first: all that slowed or fell back; with many counties the worst)
    since = since_ended_blocks(ctx, many_rows() if ctx.many else None)
    if since:
        since.append({"kind": "heading", "text": ctx.t("report.projections_title", year=year)})
    title = (ctx.t("plan_cycle.outlook_title", period=nxt) if len(outlook_groups(ctx, o, NEXT_PLAN)) == 1
             else ctx.t("report.outlook_title_mixed"))
    return chapter(ctx, "outlook", title, since + tables + [{"kind": "notes", "entries": notes},
                                                             figure_block(ctx, outlook_figures(ctx))])


def _outlook_table(ctx: ReportContext, rows: pd.DataFrame, ended: str, nxt: str, year: int) -> Table:
    body = []
    for r in rows.itertuples():
        # One rule of precision (helpers.core.formatting): three significant digits, intervals like their centre.
        projection = [fmt_projection(r.projection, r.measure)]
        if isinstance(getattr(r, "projection_caution", None), str):
            projection.append(ctx.t("plan_cycle.outlook_short.unreliable_projection"))
        elif pd.notna(r.implied_annual_growth):
            projection.append(ctx.t("plan_cycle.per_year", rate=fmt_pct(r.implied_annual_growth)))
        if pd.notna(r.pi_narrow_lower) and not isinstance(getattr(r, "projection_caution", None), str):
            levels, centre = method_parameters(), (r.projection, r.measure)
            projection += [f"{levels.narrow_level:.0%}: {interval(r.pi_narrow_lower, r.pi_narrow_upper, *centre)}",
                           f"{levels.wide_level:.0%}: {interval(r.pi_wide_lower, r.pi_wide_upper, *centre)}"]
        # (a value of 0 makes growth rates undefined: both are then changes per year, in the indicator's unit)
        growth = "—" if pd.isna(r.achieved_growth_last_period) and pd.isna(r.required_growth_next_period) else \
            " → ".join(fmt_growth(g, r.growth_method, ctx, r.unit)
                       for g in (r.achieved_growth_last_period, r.required_growth_next_period))
        reading = ctx.t(f"plan_cycle.outlook_short.{r.target_reading}") if isinstance(r.target_reading, str) else "—"
        body.append([ctx.entity_name(r.entity), indicator_with_unit(ctx, r.indicator_id, r.unit),
                     target_text(ctx, r.next_target_value, r.next_target_comparator), reading,
                     Markup("<br>").join(projection), growth,
                     year_value_text(ctx, r.last_actual_year, r.last_actual_value,
                                     getattr(r, "last_actual_comparator", None))])
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("plan_cycle.col_next_target", period=nxt), "num"), Column(ctx.t("plan_cycle.col_position")),
               Column(ctx.t("plan_cycle.col_projection", year=year), "num"),
               # (where a row gives changes per year, -1.6/年, the heading says so: they are no growth rates)
               Column(ctx.t("plan_cycle.col_growths_or_change" if (rows["growth_method"] == RATE_ABSOLUTE).any()
                            else "plan_cycle.col_growths", ended=ended, period=nxt), "num", fold=True),
               Column(ctx.t("plan_cycle.col_latest"), "num", fold=True)]
    return Table(columns, body, more=ctx.t("report.more"))


BRIEF_ROWS = 8   # the brief: the next targets that ask most of the trend


def outlook_brief(ctx: ReportContext) -> Html:
    """After a plan's end, the brief says what the next plan's targets ask of the trend: the targets beyond the
    projection's intervals (the summary counts them). Without a next plan's targets, one line: the trends,
    for drafting it, are in the analyst report. Counties on different plan cycles: each line names its counties,
    and each table its counties, next plan and year."""
    o = ctx.outlook
    if o is None or o.empty:
        return Html("")
    groups = outlook_groups(ctx, o, NEXT_PLAN)
    title = (ctx.t("plan_cycle.outlook_title", period=_periods(o, ctx.lang)[1]) if len(groups) == 1
             else ctx.t("report.outlook_title_mixed"))
    if o["next_target_value"].isna().all():
        # The year after a plan's end, before the next plan has targets: its actuals against the pace of the plan
        # that ended, under their own title (the summary says where the trends for drafting the next plan are).
        since = since_ended_blocks(ctx)
        if since:
            if len(since_ended(ctx)) > 1:   # counties whose plans ended in different years: a heading for each
                return chapter(ctx, "outlook", ctx.t("report.since_title_mixed", year=ctx.inputs.report_year), since)
            return chapter(ctx, "outlook", since[0]["text"], since[1:])
        lines = []
        for entities, g in groups:
            _, _, year = _periods(g, ctx.lang)
            plan = ctx.next_plan(row_period(g.iloc[0], "next"))
            lines.append(ctx.t("report.outlook_in_report", plan=plan, year=year) if whole(ctx, groups) else
                         ctx.t("report.outlook_in_report_for", counties=group_counties(ctx, entities), plan=plan,
                               year=year))
        return chapter(ctx, "outlook", title, [{"kind": "paragraph", "css": "note", "text": line} for line in lines])
    blocks: list[dict] = []
    for entities, g in groups:
        _, nxt, year = _periods(g, ctx.lang)
        with_target = g[g["next_target_value"].notna()]
        if with_target.empty:
            blocks.append({"kind": "paragraph", "css": "note", "text": ctx.t(
                "report.outlook_in_report_for", counties=group_counties(ctx, entities),
                plan=ctx.next_plan(row_period(g.iloc[0], "next")), year=year)})
            continue
        asks = with_target[with_target["target_reading"].isin(["clear_break", "stretch"])]
        asks = asks.sort_values("acceleration_needed", ascending=False, na_position="last")
        body = [[ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id),
                 target_text(ctx, r.next_target_value, r.next_target_comparator),
                 ctx.t(f"plan_cycle.outlook_short.{r.target_reading}"),
                 fmt_projection(r.projection, r.measure)] for r in asks.head(BRIEF_ROWS).itertuples()]
        columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
                   Column(ctx.t("plan_cycle.col_next_target", period=nxt), "num"),
                   Column(ctx.t("plan_cycle.col_position")),
                   Column(ctx.t("plan_cycle.col_projection", year=year), "num", fold=True)]
        if len(groups) > 1:
            blocks.append({"kind": "heading", "text": ctx.t("report.outlook_group", counties=group_counties(
                ctx, entities), plan=ctx.next_plan(row_period(g.iloc[0], "next")), year=year)})
        if body:
            blocks.append({"kind": "table", "table": Table(columns, body, more=ctx.t("report.more"))})
        blocks.append({"kind": "notes", "entries": [ctx.t("report.outlook_in_report_full", period=nxt, year=year)]})
    return chapter(ctx, "outlook", title, blocks)


# ----------------------------------------------------------------------------- the years after a plan's end

# How each pace is coloured: as the progress category it is akin to.
PACE_LIGHTS = {KEPT_PACE: ON_TRACK, SLOWED: NEEDS_ACCELERATION, FELL_BACK: MOVING_AWAY}


def since_ended(ctx: ReportContext) -> list[tuple[pd.DataFrame, dict]]:
    """The report year after a plan's end, while the next plan has no targets: for each group of counties on one
    plan that ended (outlook_groups: 建德's 十四五 to 2025 and 桐庐's 十五五 to 2030 in a 2031 report are two), the
    outlook's rows with an actual of that year judged against that plan's pace (outlook.csv pace_since_ended), and the
    words' values, which name that group's own plans. Empty when the year is not after a plan's end, or every next
    plan has its targets."""
    o = ctx.outlook
    if o is None or o.empty:
        return []
    year = ctx.inputs.report_year
    open_rows = o[~o["next_plan_configured"].fillna(False).astype(bool) & (o["ended_target_year"] < year)]
    if open_rows.empty:
        return []
    out = []
    for entities, rows in outlook_groups(ctx, open_rows, SINCE_PLANS):
        first = rows.iloc[0]
        ended, nxt = row_period(first, "ended"), row_period(first, "next")
        judged = rows[(rows["last_actual_year"] == year) & rows["pace_since_ended"].notna()]
        # (the counties it is about, named where they are not all the report's: 桐庐 on its 十五五 is not monitored
        # against 建德's 十四五)
        counties = "" if set(entities) == set(ctx.inputs.entities) else group_counties(ctx, entities)
        out.append((judged, {"year": year, "ended": period_label(ended, ctx.lang),
                             "period": period_label(nxt, ctx.lang), "years": period_years(ended, ctx.lang),
                             "ended_year": ended.target_year, "counties": counties}))
    return out


# The plans a group of counties monitored since a plan's end share: the one that ended (its years) and the next.
SINCE_PLANS = ("ended_plan", "ended_base_year", "ended_target_year", *NEXT_PLAN)
SINCE_ROWS = 4   # the brief: the actuals that fell back, then those that slowed most (for each plan that ended)


def since_ended_blocks(ctx: ReportContext, limit: int | None = SINCE_ROWS) -> list[dict]:
    """The report year's actuals against the pace of the plan that ended, while the next plan has no targets to
    monitor them against: those that fell back or slowed (fell back first, the widest shortfall first; `limit`
    rows, None: all), or one sentence that all kept pace, or that the year has no actuals yet. Counties whose plans
    ended in different years: each group under its own heading, against its own plan."""
    return [block for rows, words in since_ended(ctx) for block in _since_blocks(ctx, rows, words, limit)]


def _since_blocks(ctx: ReportContext, rows: pd.DataFrame, words: dict, limit: int | None) -> list[dict]:
    blocks: list[dict] = [{"kind": "heading", "text": ctx.t("report.since_title_for" if words["counties"]
                                                            else "report.since_title", **words)}]
    if rows.empty:
        return blocks + [{"kind": "notes", "entries": [ctx.t("report.since_none", **words)]}]
    good = rows["direction"].map({"higher": 1, "lower": -1}).fillna(1)
    shortfall = (rows["growth_since_ended"] - rows["achieved_growth_last_period"]).fillna(0) * good
    lagging = rows.assign(_order=rows["pace_since_ended"].map({FELL_BACK: 0, SLOWED: 1}), _shortfall=shortfall)
    lagging = lagging[lagging["_order"].notna()].sort_values(["_order", "_shortfall"], kind="stable")
    if lagging.empty:
        return blocks + [{"kind": "notes", "entries": [ctx.t("report.since_all_kept", n=len(rows), **words)]}]
    year, ended_year = words["year"], words["ended_year"]
    body = [[ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id),
             Cell(ctx.t(f"plan_cycle.pace.{r.pace_since_ended}"), light=PACE_LIGHTS[r.pace_since_ended]),
             fmt_growth(r.growth_since_ended, r.since_growth_method, ctx, r.unit),
             fmt_growth(r.achieved_growth_last_period, r.growth_method, ctx, r.unit),
             value_text(ctx, r.last_actual_value, getattr(r, "last_actual_comparator", None), r.unit)]
            for r in (lagging if limit is None else lagging.head(limit)).itertuples()]
    growth = (ctx.t("plan_cycle.col_growth_year", year=year) if year - ended_year == 1 else
              ctx.t("plan_cycle.col_growth_years", years=years(ended_year, year, ctx.lang)))
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("plan_cycle.col_pace"), "judgement"), Column(growth, "num"),
               Column(ctx.t("plan_cycle.col_growth_ended", period=words["ended"]), "num"),
               Column(ctx.t("plan_cycle.col_actual_year", year=year), "num", fold=True)]
    note = ctx.t("report.since_note", **words)
    if limit is not None and len(lagging) > limit:
        where = ctx.t("report.in_workbook", sheet=ctx.t("workbook.sheets.outlook"))     # every row, every run
        note += ctx.t("report.since_more", n=len(lagging) - limit, where=where)
    notes = [note]
    return blocks + [{"kind": "table", "table": Table(columns, body, more=ctx.t("report.more"))},
                     {"kind": "notes", "entries": notes}]


def fmt_growth(rate, method, ctx: ReportContext, unit: str) -> str:
    """An annual growth as the outlook writes it: a rate (6.8%), or where a value is 0 (growth rates are undefined)
    a change per year as the trends table writes it (-1.6/年: never -1.6%, which reads as a rate on a % indicator)."""
    if rate is None or pd.isna(rate):
        return "—"
    return rate_text(ctx, rate, method) if method == RATE_ABSOLUTE else fmt_pct(rate)


def outlook_figures(ctx: ReportContext, limit: int = 6) -> list[Figure]:
    """The trend to the next target year with its narrow (thick) and wide (thin) intervals and the next target
    (charts.outlook_panels), three panels a figure."""
    def draw():
        panels = charts.outlook_panels(ctx.inputs, ctx.outlook, ctx.lang, limit)
        # The caption speaks of the next plan's target (a red star) only where one is drawn.
        return [(charts.trend_panels(chunk), ctx.t("plan_cycle.fig_outlook" if any(p["target"] is not None
                                                                                  for p in chunk)
                                                   else "plan_cycle.fig_outlook_no_target") + bound_caption(ctx, chunk))
                for chunk in charts.chunks(panels, 3)]
    return figures(ctx, "outlook", draw)
