"""County against county: the comparable indicators side by side (a few counties) or ranked (many), and the
pairs of indicators that cannot be compared, with why."""
from __future__ import annotations

import pandas as pd

from helpers.core.formatting import number as fmt_num
from helpers.report.blocks import Column, Html, Table, chapter, indicator_cell, value_text
from helpers.report.context import ReportContext


def with_year(ctx: ReportContext, text: str, year, say: bool) -> str:
    """A latest value with its year beside it (10.3（2020年）) where the values set side by side are of different
    years (counties on different plan periods, or monitored up to different years): never one year's figure
    beside another's as if alike."""
    if not say or text == "—" or year is None or pd.isna(year):
        return text
    return ctx.t("report.value_in_year", value=text, year=int(year))


def peers_table(ctx: ReportContext) -> Table:
    """A few counties: the comparable indicators, each county's latest value side by side (with its year where
    the counties' latest years differ)."""
    c = ctx.comparison[(ctx.comparison["comparison"] == "county_vs_county")
                       & (ctx.comparison["comparability"] != "not_comparable")]
    p = ctx.progress      # (an actual recorded as a bound, >19.9, printed with its comparator)
    latest = dict(zip(zip(p["entity"], p["indicator_id"]), zip(p["latest_value"], p["latest_comparator"])))
    year_of = dict(zip(zip(p["entity"], p["indicator_id"]), p["latest_year"]))
    entities = ctx.inputs.entities
    columns = ([Column(ctx.t("report.indicator"), "name")]
               + [Column(ctx.entity_name(e), "num", fold=i >= 3) for i, e in enumerate(entities)]
               + [Column(ctx.t("report.unit"), "nowrap", fold=True), Column(ctx.t("report.reason"), "note", fold=True)])
    rows = []
    for ind_id, g in c.groupby("indicator_id", sort=False):
        comp = g.iloc[0]["comparability"]
        years = {year_of.get((e, ind_id)) for e in entities if pd.notna(latest.get((e, ind_id), (None,))[0])}
        say = len({y for y in years if pd.notna(y)}) > 1
        rows.append([indicator_cell(ctx, ind_id, comp)]
                    + [with_year(ctx, value_text(ctx, *latest.get((e, ind_id), (None, None))), year_of.get((e, ind_id)),
                                 say) for e in entities]
                    + [ctx.unit(g.iloc[0]["unit"]), ctx.indicator_reason(ind_id) if comp == "caveat" else ""])
    return Table(columns, rows, more=ctx.t("report.more"))


def ranking_table(ctx: ReportContext) -> Table:
    """Many counties: per indicator, the top and bottom three and the median, of one year's actuals (comparison.csv
    ranks the latest year any county has, other_year; the median cell says that year where it is not the report
    year). A county whose latest actual is older is not ranked: it is listed apart with its year, in a column
    that is there only when some county is (caveats shown)."""
    c = ctx.comparison
    c = c[(c["comparison"] == "county_vs_peers") & (c["basis"] != "not compared")]
    rows, apart = [], []
    for ind_id, group in c.groupby("indicator_id", sort=False):
        g = group[group["rank_latest"].notna()].sort_values("rank_latest")   # (a bound, >19.9, has no rank)
        names = lambda part: ctx.t("report.item_sep").join(f"{ctx.entity_name(r.entity)} {fmt_num(r.latest_value)}"  # noqa: E731
                                                           for r in part.itertuples())
        older = group[group["latest_year"] < group["other_year"]]
        apart.append(ctx.t("report.item_sep").join(
            f"{ctx.entity_name(r.entity)} "
            f"{with_year(ctx, value_text(ctx, r.latest_value, r.latest_comparator), r.latest_year, True)}"
            for r in older.itertuples()))
        year = group["other_year"].dropna()
        comp = group.iloc[0]["comparability"]
        rows.append([indicator_cell(ctx, ind_id, comp), names(g.head(3)), names(g.tail(3)),
                     with_year(ctx, value_text(ctx, g["latest_value"].median()) if len(g) else "—",
                               year.iloc[0] if len(year) else None,
                               len(year) > 0 and int(year.iloc[0]) != ctx.inputs.report_year),
                     ctx.unit(group.iloc[0]["unit"]), ctx.indicator_reason(ind_id) if comp == "caveat" else ""])
    columns = [Column(ctx.t("report.indicator"), "name"), Column(ctx.t("report.top_three")),
               Column(ctx.t("report.bottom_three")),
               Column(ctx.t("report.median_latest"), "num", fold=True), Column(ctx.t("report.unit"), "nowrap",
                                                                               fold=True),
               Column(ctx.t("report.reason"), "note", fold=True)]
    if any(apart):
        columns.insert(4, Column(ctx.t("report.not_ranked_older"), fold=True))
        rows = [row[:4] + [a] + row[4:] for row, a in zip(rows, apart)]
    return Table(columns, rows, more=ctx.t("report.more"))


def counties_brief(ctx: ReportContext) -> Html:
    return chapter(ctx, "counties", ctx.t("report.counties"),
                   [{"kind": "table", "table": ranking_table(ctx) if ctx.many else peers_table(ctx)}])


def not_comparable_table(ctx: ReportContext) -> Table | None:
    c = ctx.comparison
    nc = c[(c["comparison"] != "county_vs_province") & (c["comparability"] == "not_comparable")]
    nc = nc.drop_duplicates(["indicator_id", "other_indicator_id"])
    if nc.empty:
        return None
    rows = [[ctx.indicator_name(r.indicator_id), ctx.indicator_name(r.other_indicator_id),
             ctx.relation_reason(r.indicator_id, r.other_indicator_id)] for r in nc.itertuples()]
    return Table([Column(ctx.t("report.indicator"), "name"), Column(ctx.t("report.other"), "name"),
                  Column(ctx.t("report.reason"), "note", fold=True)], rows, more=ctx.t("report.more"))


def counties_section(ctx: ReportContext) -> Html:
    if ctx.many:
        blocks = [{"kind": "table", "table": ranking_table(ctx)}]
    else:
        c = ctx.comparison[(ctx.comparison["comparison"] == "county_vs_county")
                           & (ctx.comparison["comparability"] != "not_comparable")]
        say = [pd.notna(a) and pd.notna(b) and a != b for a, b in zip(c["latest_year"], c["other_year"])]
        rows = [[indicator_cell(ctx, r.indicator_id, r.comparability), ctx.entity_name(r.entity),
                 with_year(ctx, value_text(ctx, r.latest_value, r.latest_comparator), r.latest_year, s),
                 ctx.entity_name(r.other), with_year(ctx, value_text(ctx, r.other_value, r.other_comparator),
                                                     r.other_year, s),
                 ctx.unit(r.unit), ctx.indicator_reason(r.indicator_id) if r.comparability == "caveat" else ""]
                for r, s in zip(c.itertuples(), say)]
        columns = [Column(ctx.t("report.indicator"), "name"), Column(ctx.t("report.county"), "nowrap"),
                   Column(ctx.t("report.latest"), "num"), Column(ctx.t("report.other"), "nowrap", fold=True),
                   Column(ctx.t("report.other_value"), "num", fold=True), Column(ctx.t("report.unit"), "nowrap",
                                                                                 fold=True),
                   Column(ctx.t("report.reason"), "note", fold=True)]
        blocks = [{"kind": "table", "table": Table(columns, rows, more=ctx.t("report.more"))}]
    nc = not_comparable_table(ctx)
    if nc is not None:
        blocks += [{"kind": "heading", "text": ctx.t("report.not_comparable")}, {"kind": "table", "table": nc}]
    return chapter(ctx, "counties", ctx.t("report.counties"), blocks)


