"""The report's appendices: A, the data step (key cleaning decisions, prose/table disagreements,
comparability caveats); B, every value with its source; C, the method."""
from __future__ import annotations

import pandas as pd

from helpers.analyse.inputs import cited_rows
from helpers.core.records import place_of_row
from helpers.core.wording import quote
from helpers.report.blocks import (
    Cell,
    Column,
    Html,
    Table,
    chapter,
    decision_text,
    evidence_text,
    explanation_text,
    source_ref,
    target_text,
    value_text,
)
from helpers.report.chapters.plan import flag
from helpers.report.context import ReportContext

KEY_STEPS = ["unit_fixed", "implausible", "unit_from_catalogue", "baseline_from_prose", "value_from_prose",
             "prose_not_used", "broken_bracket", "missing", "unit_shorthand", "comparator", "percent_in_cell",
             "unit_from_prose", "no_figure_in_other_source"]


def appendix_section(ctx: ReportContext) -> Html:
    steps = ["unit_fixed", "implausible", "value_from_prose", "prose_not_used"] if ctx.many else KEY_STEPS
    log = ctx.cleaning_log[ctx.cleaning_log["step"].isin(steps)]
    step_names = ctx.w.table("views.steps")
    blocks = [{"kind": "heading", "text": ctx.t("report.cleaning")}]
    if ctx.many:
        counts = ctx.cleaning_log["step"].value_counts()
        blocks.append({"kind": "table", "table": Table(
            [Column(ctx.t("report.step")), Column(ctx.t("report.count"), "num")],
            [[step_names.get(step, step), int(n)] for step, n in counts.items()],
            caption=ctx.t("report.cleaning_counts"))})
    rows = [[ctx.entity_name(r.entity), ctx.indicator_name(r.indicator_id),
             decision_text(ctx, r.step, r.values), evidence_text(ctx, r.evidence_values) or "—",
             source_ref(ctx, place_of_row(r))]
            for r in log.itertuples()]
    blocks.append({"kind": "table", "table": Table(
        [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
         Column(ctx.t("report.decision"), "note"),
         Column(ctx.t("report.evidence"), "note", fold=True), Column(ctx.t("report.source"), "src", fold=True)],
        rows, more=ctx.t("report.more"))})
    dis = ctx.checks[ctx.checks["status"] == "disagree"]
    rows = [[ctx.entity_name(r.entity), ctx.indicator_name(r.indicator_id),
             explanation_text(ctx, r.explanation_values),
             Cell(quote(r.table_quote, html=True), lang="zh"), Cell(quote(r.prose_quote, html=True), lang="zh"),
             f"{source_ref(ctx, place_of_row(r, 'table'))} · {source_ref(ctx, place_of_row(r, 'prose'))}"]
            for r in dis.itertuples()]
    blocks += [{"kind": "heading", "text": ctx.t("report.disagreements")}, {"kind": "table", "table": Table(
        [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
         Column(ctx.t("report.explanation"), "note"),
         Column(ctx.t("report.table_quote"), "quote", fold=True), Column(ctx.t("report.prose_quote"), "quote",
                                                                         fold=True),
         Column(ctx.t("report.source"), "src", fold=True)], rows, more=ctx.t("report.more"))}]
    cat = ctx.inputs.catalogue
    rows = [[ctx.indicator_name(i.id), ctx.t("definitions.caveat"), ctx.indicator_reason(i.id)]
            for i in cat.indicators.values() if i.comparability == "caveat"]
    rows += [[" ↔ ".join(ctx.indicator_name(x) for x in rel.indicators),
              ctx.t("definitions.not_comparable") if rel.status == "not_comparable" else ctx.t(rel.status),
              ctx.relation_reason(*rel.indicators)] for rel in cat.relations]
    blocks += [{"kind": "heading", "text": ctx.t("report.caveats")}, {"kind": "table", "table": Table(
        [Column(ctx.t("report.indicator"), "name"), Column(ctx.t("report.comparability"), "nowrap"),
         Column(ctx.t("report.reason"), "note", fold=True)], rows, more=ctx.t("report.more"))}]
    return chapter(ctx, "appendix-a", ctx.t("report.appendix"), blocks)


def sources_section(ctx: ReportContext) -> Html:
    ind = cited_rows(ctx.inputs)
    ind = ind[ind["entity"].isin(ctx.inputs.entities + [ctx.inputs.province])]
    if ctx.many:
        return chapter(ctx, "appendix-b", ctx.t("report.sources"), [{"kind": "table", "table": _compact_sources(ctx,
                                                                                                                ind)}])
    kinds = {"actual": ctx.t("report.actual"), "target": ctx.t("report.target_kind"),
             "baseline_derived": ctx.t("report.baseline_derived")}
    rows = [[ctx.entity_name(r.entity), ctx.indicator_name(r.indicator_id), str(r.year),
             ctx.t("report.total_kind") if r.kind == "actual" and flag(r, "cumulative") else kinds.get(r.kind, r.kind),
             _recorded(ctx, r, r.unit), _where(ctx, r),
             Cell(quote(r.source_text, html=True), lang="zh")]
            for r in ind.itertuples()]
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("report.year"), "num"),
               Column(ctx.t("report.kind"), "nowrap", fold=True), Column(ctx.t("report.value"), "num"),
               Column(ctx.t("report.source"), "src", fold=True), Column(ctx.t("report.quote"), "quote", fold=True)]
    return chapter(ctx, "appendix-b", ctx.t("report.sources"),
                   [{"kind": "table", "table": Table(columns, rows, more=ctx.t("report.more"))}])


def _recorded(ctx: ReportContext, r, unit: str | None = None) -> str:
    """A value of the dataset: a target as the plan writes it, an actual (a bound's number rounded toward it); a 〔〕
    figure in its brackets, a five-year total and never a year's value (〔4,000〕 in a 十四五 plan's 2020 column)."""
    text = (target_text if r.kind == "target" else value_text)(ctx, r.value, r.comparator, unit)
    return ctx.t("plan_cycle.marks.cumulative", value=text) if flag(r, "cumulative") and text != "—" else text


def _where(ctx: ReportContext, r) -> str:
    return source_ref(ctx, place_of_row(r))


def _compact_sources(ctx: ReportContext, ind: pd.DataFrame) -> Table:
    """Many counties: one row per county and indicator, every value with its file and line (or cell)."""
    rows = []
    kinds = {"target": ctx.t("report.target_kind")}
    for (entity, ind_id), g in ind.groupby(["entity", "indicator_id"], sort=False):
        refs = [" ".join(x for x in (str(r.year), kinds.get(r.kind, ""), _recorded(ctx, r),
                                     "←", _where(ctx, r)) if x) for r in g.itertuples()]
        rows.append([ctx.entity_name(entity), ctx.indicator_name(ind_id), ctx.t("report.item_sep").join(refs)])
    columns = [Column(ctx.t("report.county"), "nowrap"), Column(ctx.t("report.indicator"), "name"),
               Column(ctx.t("report.source"), "src")]
    return Table(columns, rows)


def method_section(ctx: ReportContext) -> Html:
    entries = [x.format(**ctx.years) for x in ctx.w.list("method")]
    return chapter(ctx, "appendix-c", ctx.t("report.method"), [{"kind": "list", "css": "method", "entries": entries}])


