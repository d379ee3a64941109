"""Progress towards the targets: growth achieved against growth required, each latest actual as a share of its
target, the progress table, and each series' trend to the target year. The brief keeps the figures that carry
the story (key_figures_brief) and the assessable rows (progress_brief)."""
from __future__ import annotations

import pandas as pd

from helpers.analyse import charts
from helpers.analyse.evaluation import completion_rate
from helpers.analyse.growth import NOT_ASSESSABLE, RATE_CAGR, is_bound, lies_above
from helpers.analyse.progress import verdict_notes
from helpers.core.method import method_parameters
from helpers.core.periods import FINAL_PHASES
from helpers.core.style import TARGET_COLOUR
from helpers.report.blocks import (
    Column,
    Figure,
    Html,
    Table,
    bound_caption,
    chapter,
    figure_block,
    figure_label,
    figures,
    indicator_cell,
    legend,
    light,
    rate_text,
    ratio_label,
    series_name,
    target_text,
    value_text,
    verdict_codes,
    year_kind,
)
from helpers.report.chapters.plan import flag
from helpers.report.chapters.province import province_figure
from helpers.report.context import ReportContext


def growth_figure(ctx: ReportContext) -> list[Figure]:
    def draw():
        p = ctx.progress
        rows = p[p["historical_growth"].notna() & p["required_growth"].notna() & (p["growth_method"] == RATE_CAGR)]
        if len(rows) > 12:
            rows = rows.assign(_gap=rows["required_growth"] - rows["historical_growth"]).nlargest(12, "_gap")
        data = [{"label": figure_label(ctx, series_name(ctx, r.entity, r.indicator_id)),
                 "achieved": r.historical_growth, "required": r.required_growth, "category": r.progress_category}
                for r in rows.itertuples()]
        return [(charts.growth_chart(data, ctx.t("figures.rate_axis")), ctx.t("report.fig_growth"))]
    return figures(ctx, "growth", draw)


def progress_table_view(ctx: ReportContext, rows: pd.DataFrame) -> Table:
    # The target column is headed with its year where every row's target is of one year; where the counties' plans
    # end in different years, each target says its own year (a 2030 target is never headed 2025年目标).
    target_years = sorted(set(rows["target_year"].dropna().astype(int)))
    own_year = len(target_years) > 1
    target_column = ctx.t("report.target_any") if own_year else ctx.t("report.target", **(
        {"target_year": target_years[0]} if target_years else {}))

    def target(r) -> str:
        text = target_text(ctx, r.target_value, r.target_comparator)
        if not own_year or text == "—" or pd.isna(r.target_year):
            return text
        return ctx.t("report.target_in_year", target=text, year=int(r.target_year))

    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("report.progress_col"), "judgement"),
               Column(ctx.t("report.latest"), "num", fold=True), Column(target_column, "num", fold=True),
               Column(ctx.t("report.hist"), "num", fold=True), Column(ctx.t("report.req"), "num", fold=True),
               Column(ctx.t("report.reason"), "note", fold=True)]
    body = [[ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id, r.comparability),
             light(ctx, r.verdict, r.plan_phase in FINAL_PHASES),
             value_text(ctx, r.latest_value, getattr(r, "latest_comparator", None))
             + (ctx.t("plan_cycle.marks.preliminary") if flag(r, "latest_preliminary") else ""),
             target(r),
             rate_text(ctx, r.historical_growth, r.growth_method),
             rate_text(ctx, r.required_growth, r.growth_method, r.required_growth_comparator),
             ctx.notes(notes, "progress_notes")]          # why the verdict, as the verdict's own notes say
            for r, notes in zip(rows.itertuples(), map(verdict_notes, rows.to_dict("records")))]
    return Table(columns, body, more=ctx.t("report.more"))


def completion_figures(ctx: ReportContext) -> list[Figure]:
    """Per indicator, each county's latest actual as a share of its target, direction-aware as 完成率 is
    (helpers.analyse.evaluation.completion_rate): 100% is the target reached. All indicators share one axes,
    rows_per_figure (config/method.yaml) rows a figure. An actual recorded as a bound (>19.9) has no 完成率 (its
    table row and note say why), but its share of the target is a bound too (≥19.9 against 20: 99.5% or more), drawn
    as one: a hollow triangle pointing where the share lies, explained in the caption."""
    def draw():
        p = ctx.progress
        p = p[p["latest_value"].notna() & p["target_value"].notna()]
        rows = []
        for ind_id, g in p.groupby("indicator_id", sort=False):
            ratios = map(completion_rate, g["latest_value"], g["target_value"], g["direction"])
            points, bounds = [], []
            for e, ratio, comparator, direction in zip(g["entity"], ratios, g["latest_comparator"], g["direction"]):
                if ratio is None:
                    continue
                if is_bound(comparator):      # the share lies on the bound's side, mirrored where less is better
                    bounds.append((ctx.entity_name(e), ratio, lies_above(comparator) == (direction == "higher")))
                else:
                    points.append((ctx.entity_name(e), ratio))
            if points or bounds:
                rows.append({"label": ratio_label(ctx, ind_id, g.iloc[0]["comparability"]),
                             "points": points, "bounds": bounds})
        counties = [ctx.entity_name(e) for e in ctx.inputs.entities]
        # (one caption for every part of the chart, so that the parts are numbered as one: report.blocks.figures;
        # the hollow ▷/◁ explained after it only in a part that draws one)
        by_year = ctx.target_years_by_county(p)
        caption = (ctx.t("report.fig_completion", **{"target_year": y for y in by_year}) if len(by_year) <= 1 else
                   ctx.t("report.fig_completion_mixed", years=ctx.counties_years(by_year, "report.county_target_year",
                                                                                  "report.notes_sep")))
        return [(charts.ratio_chart(chunk, counties, ctx.many, reference=TARGET_COLOUR), caption,
                 bound_caption(ctx, chunk, "figures.ratio_bound_caption"))
                for chunk in charts.chunks(rows, method_parameters().rows_per_figure)]
    return figures(ctx, "completion", draw)


def key_figures_brief(ctx: ReportContext) -> Html:
    """The brief's figures that carry the story, side by side on paper. Once the provincial targets' year has
    actuals (a final evaluation, or the first years of a plan the province has set no targets for yet): those
    actuals against the provincial targets. In the period (judged against 序时进度, whose laggards the brief
    lists): the counties' targets against the province's. At a base year, what the plan asks: growth
    achieved against growth required, and the targets against the province's."""
    p = ctx.progress
    if province_figure(ctx, actuals=True):
        figs = province_figure(ctx, actuals=True, alone=True)
    elif (len(p) and p["plan_phase"].isin(FINAL_PHASES).all()) or p["schedule_judgement"].notna().any():
        figs = province_figure(ctx, alone=True)
    else:
        figs = growth_figure(ctx) + province_figure(ctx)
    return chapter(ctx, "figures", ctx.t("report.key_figures"), [figure_block(ctx, figs)])


def progress_brief(ctx: ReportContext) -> Html:
    p = ctx.progress
    assessable = p[p["verdict"] != NOT_ASSESSABLE]
    blocks = []
    if ctx.many:
        blocks.append({"kind": "notes", "entries": [ctx.t("report.progress_many_note")]})
    elif len(assessable):
        blocks += [{"kind": "heading", "text": ctx.t("report.progress_assessable")},
                   {"kind": "table", "table": progress_table_view(ctx, assessable)}]
    else:
        blocks.append({"kind": "notes", "entries": [ctx.t("report.no_assessable")]})
    return chapter(ctx, "progress", ctx.t("report.progress"), blocks)


def trend_figures(ctx: ReportContext, limit: int = 8) -> list[Figure]:
    """Each series' trend to the target year (charts.progress_panels), three panels a figure."""
    def draw():
        panels = charts.progress_panels(ctx.inputs, ctx.progress, ctx.lang, limit)
        # The caption speaks of the target (a red star) only where one is drawn.
        return [(charts.trend_panels(chunk), ctx.t("report.fig_trend" if any(p["target"] is not None for p in chunk)
                                                   else "report.fig_trend_no_target") + bound_caption(ctx, chunk))
                for chunk in charts.chunks(panels, 3)]
    return figures(ctx, "trends", draw)


def progress_section(ctx: ReportContext) -> Html:
    blocks = [figure_block(ctx, growth_figure(ctx) + completion_figures(ctx))]
    if ctx.many:
        blocks.append({"kind": "notes", "entries": [ctx.t("report.progress_many_note")]})
    else:
        blocks += [{"kind": "heading", "text": ctx.t("report.progress_all")},
                   legend(ctx, codes=verdict_codes(ctx), final=year_kind(ctx) == "final"),
                   {"kind": "table", "table": progress_table_view(ctx, ctx.progress)}]
    blocks.append(figure_block(ctx, trend_figures(ctx)))
    return chapter(ctx, "progress", ctx.t("report.progress"), blocks)


