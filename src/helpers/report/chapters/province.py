"""Against the province: each county's targets beside the provincial targets (a ratio chart and a table; with
many counties one row per indicator)."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from helpers.analyse import charts
from helpers.analyse.evaluation import shown_province_ratio
from helpers.analyse.growth import is_bound, lies_above
from helpers.core.formatting import percent as fmt_pct
from helpers.core.method import method_parameters
from helpers.report.blocks import (
    LOWER_MARK,
    Column,
    Figure,
    Html,
    Table,
    bound_caption,
    chapter,
    figure_block,
    figures,
    indicator_cell,
    ratio_label,
    value_text,
    yes_no,
)
from helpers.report.chapters.plan import MARKS, flag, marked_target, marks_notes
from helpers.report.chapters.summary import figure, province_year
from helpers.report.context import ReportContext

# A figure alone in a block fills half of an A4 page's width (two sit side by side): one of this many rows or more
# is drawn in two halves that sit side by side, half as tall, so that the page's other half is not left empty.
HALVES_FROM_ROWS = 5


def province_figure(ctx: ReportContext, actuals: bool = False, alone: bool = False) -> list[Figure]:
    """Each county against the provincial targets, 100% level with them: its targets, or (actuals=True, at a
    final evaluation) its actuals of the provincial targets' year. alone=True: the figure is the only one of
    its block, and is drawn in two halves from HALVES_FROM_ROWS rows. An actual recorded as a bound (>19.9) has no
    ratio in comparison.csv, but its ratio is a bound too: drawn as one (a hollow triangle pointing where the ratio
    lies), explained in the caption."""
    def draw():
        c = ctx.comparison
        c = c[(c["comparison"] == "county_vs_province") & (c["basis"] == "gap and ratio")]
        if actuals:
            c = c[(c["latest_ratio"].notna() | _bounded_ratio(c).notna()) & (c["latest_year"] == c["other_year"])]
        else:
            c = c[c["target_ratio"].notna()]
        column = "latest_ratio" if actuals else "target_ratio"
        rows = [{"label": ratio_label(ctx, ind_id, g.iloc[0]["comparability"]),
                 "points": [(ctx.entity_name(e), v) for e, v in zip(g["entity"], g[column]) if pd.notna(v)],
                 "bounds": [(ctx.entity_name(e), v, lies_above(comparator)) for e, v, comparator
                            in zip(g["entity"], _bounded_ratio(g), g["latest_comparator"]) if actuals and pd.notna(v)]}
                for ind_id, g in c.groupby("indicator_id", sort=False)]
        counties = [ctx.entity_name(e) for e in ctx.inputs.entities]
        caption = (ctx.t("report.fig_province_actuals", year=int(c["other_year"].max())) if actuals and len(c)
                   else ctx.t("report.fig_province"))
        size = method_parameters().rows_per_figure
        if alone and HALVES_FROM_ROWS <= len(rows) <= size:
            size = (len(rows) + 1) // 2
        span = charts.ratio_span(rows) if rows else None     # the parts of one chart share its axis
        return [(charts.ratio_chart(chunk, counties, ctx.many, span=span), caption, _marks_drawn(ctx, chunk))
                for chunk in charts.chunks(rows, size)]
    return figures(ctx, ("province_actuals" if actuals else "province") + ("_alone" if alone else ""), draw)


def _marks_drawn(ctx: ReportContext, rows: list[dict]) -> str:
    """The marks one part of the chart draws, explained in its caption only where drawn: ↓ after a row's label,
    a hollow ▷/◁ for the ratio of a bound."""
    lower = any(row["label"].endswith(LOWER_MARK.strip()) for row in rows)
    return (ctx.t("report.lower_is_better_mark") if lower else "") + \
        bound_caption(ctx, rows, "figures.ratio_bound_caption")


def _bounded_ratio(c: pd.DataFrame) -> pd.Series:
    """The ratio to the provincial target of an actual recorded as a bound (≥19.9 against 20: 99.5% or more), where
    the province's target is a level (a 〔〕 sum is no level to set an actual against); NaN elsewhere."""
    level = ~c["other_target_cumulative"].fillna(False).astype(bool) if "other_target_cumulative" in c else True
    bound = c["latest_comparator"].map(is_bound) & level & c["other_value"].ne(0)
    return (c["latest_value"] / c["other_value"]).where(bound)


def _province_target(ctx: ReportContext, r) -> str:
    """The provincial target a row is set against, marked as the county's is (★, 约, 〔〕)."""
    return marked_target(ctx, SimpleNamespace(
        target_value=r.other_value, target_comparator=r.other_comparator,
        **{f"target_{m}": flag(r, f"other_target_{m}") for m in MARKS}))


def province_marks_notes(ctx: ReportContext, rows: pd.DataFrame) -> list[str]:
    """What the marks in the table mean (on the county's targets or the province's), and, where a five-year sum
    (〔〕) meets a level, that the two are not set against each other."""
    either = pd.DataFrame({f"target_{m}": [flag(r, f"target_{m}") or flag(r, f"other_target_{m}")
                                           for r in rows.itertuples()] for m in MARKS})
    notes = marks_notes(ctx, either)
    if any(flag(r, "target_cumulative") != flag(r, "other_target_cumulative") for r in rows.itertuples()):
        notes.append(ctx.t("report.province_sum_note"))
    return notes


def province_table(ctx: ReportContext) -> Table:
    c = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("report.target", **province_year(ctx, c)), "num"),
               Column(ctx.t("report.prov_target"), "num"),
               Column(ctx.t("report.meets"), "nowrap", fold=True), Column(ctx.t("report.unit"), "nowrap", fold=True),
               Column(ctx.t("report.latest"), "num", fold=True), Column(ctx.t("report.share_or_ratio"), "num",
                                                                        fold=True)]
    rows = []
    for r in c.itertuples():
        total = r.basis == "share of province"
        rows.append([ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id, r.comparability),
                     marked_target(ctx, r), _province_target(ctx, r),
                     "—" if total else yes_no(ctx, getattr(r, "target_meets_province", None)), ctx.unit(r.unit),
                     value_text(ctx, r.latest_value, getattr(r, "latest_comparator", None)),
                     fmt_pct(r.target_share_of_province) if total else shown_province_ratio(
                         r.target_ratio, ctx.inputs.catalogue.indicators[r.indicator_id].direction)])
    return Table(columns, rows, more=ctx.t("report.more"))


def province_many_table(ctx: ReportContext) -> Table:
    """Many counties: one row per indicator, how the counties' targets stand against the province's. Only the
    targets of the province's kind count: levels beside a level, five-year sums (〔〕) beside a sum."""
    c = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
    rows = []
    for ind_id, g in c.groupby("indicator_id", sort=False):
        first = g.iloc[0]
        with_target = g.dropna(subset=["target_value"])
        with_target = with_target[[flag(r, "target_cumulative") == flag(r, "other_target_cumulative")
                                   for r in with_target.itertuples()]]
        if first["basis"] == "share of province":
            verdict = ctx.t("report.share_total", share=fmt_pct(with_target["target_share_of_province"].sum()))
        else:
            meets = with_target["target_meets_province"].astype("boolean").dropna()
            verdict = ctx.t("report.meets_count", meets=int(meets.sum()), total=len(meets))
        lo = with_target.loc[with_target["target_value"].idxmin()] if len(with_target) else None
        hi = with_target.loc[with_target["target_value"].idxmax()] if len(with_target) else None
        rows.append([indicator_cell(ctx, ind_id, first["comparability"]), verdict,
                     figure(ctx, first, "other"), ctx.unit(first["unit"]),
                     value_text(ctx, with_target["target_value"].median()),
                     "—" if lo is None else f"{ctx.entity_name(lo['entity'])} {figure(ctx, lo, 'target')}",
                     "—" if hi is None else f"{ctx.entity_name(hi['entity'])} {figure(ctx, hi, 'target')}"])
    columns = [Column(ctx.t("report.indicator"), "name"), Column(ctx.t("report.against_province")),
               Column(ctx.t("report.prov_target"), "num", fold=True), Column(ctx.t("report.unit"), "nowrap", fold=True),
               Column(ctx.t("report.median_target"), "num", fold=True), Column(ctx.t("report.lowest"), fold=True),
               Column(ctx.t("report.highest"), fold=True)]
    return Table(columns, rows, more=ctx.t("report.more"))


def province_section(ctx: ReportContext) -> Html:
    if ctx.many:
        rows = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
        mixed = any(flag(r, "target_cumulative") != flag(r, "other_target_cumulative") for r in rows.itertuples()
                    if pd.notna(r.target_value))
        blocks = [{"kind": "table", "table": province_many_table(ctx)},
                  {"kind": "notes", "entries": [ctx.t("report.province_many_note")]
                   + ([ctx.t("report.province_sum_note")] if mixed else [])}]
    else:
        rows = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
        blocks = [{"kind": "table", "table": province_table(ctx)},
                  {"kind": "notes", "entries": [ctx.t("report.province_note", unit=ctx.unit("万人"))]
                   + province_marks_notes(ctx, rows)}]
    return chapter(ctx, "province", ctx.t("report.province"), [figure_block(ctx, province_figure(ctx))] + blocks)


