"""The title block of both documents: what is reported, on which counties, from which files, and which plan
and period the report year evaluates (per county when their plans or phases differ)."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from helpers.analyse.inputs import cited_rows
from helpers.core.periods import period_label, period_years, phase
from helpers.report.blocks import Html, light_styles, render
from helpers.report.context import ReportContext


def title_block(ctx: ReportContext, document: str = "report") -> Html:
    return render("title.html.j2", lights=light_styles(), kicker=ctx.t(f"report.kicker_{document}"),
                  title=ctx.t("report.title", periods=ctx.periods_text()),   # each period the counties' plans cover
                  subtitle=ctx.t("report.subtitle", entities=_entities(ctx)),
                  plan=plan_line(ctx), meta=sources_line(ctx))


def _entities(ctx: ReportContext) -> str:
    if ctx.many:
        return ctx.t("report.many_entities", n=len(ctx.inputs.entities))
    return ctx.names(ctx.entity_name(e) for e in ctx.inputs.entities)


def sources_line(ctx: ReportContext) -> str:
    """Every kind of input the figures come from, by file name: the plans, each monitoring workbook, and the
    document the provincial targets are taken from."""
    inputs = ctx.inputs
    ind = cited_rows(inputs)
    names = lambda files: sorted({Path(f).name for f in files if isinstance(f, str) and f})  # noqa: E731
    prov_files = names(ind.loc[ind["entity"] == inputs.province, "source_file"])
    workbooks = names(ind.loc[ind["entity"].isin(inputs.entities) & (ind["origin"] == "monitoring"), "source_file"])
    if ctx.many:
        n = len(inputs.entities)
        files = ctx.t("report.many_files", n=n)
        prov_text = ctx.names(prov_files[:2]) + (ctx.t("report.and_more") if len(prov_files) > 2 else "")
        books = ctx.t("report.many_workbooks", n=len(workbooks)) if len(workbooks) > 3 else ctx.names(workbooks)
    else:
        files = ctx.names(sorted({p.file for p in inputs.sources.plans if p.entity in inputs.entities}))
        prov_text = ctx.names(prov_files) or "—"
        books = ctx.names(workbooks)
    values = {"files": files, "province_source": prov_text}
    if workbooks:
        values["workbooks"] = books
    # file names are marked; with many counties the plans (and many workbooks) are counted in words instead
    names = {k: v for k, v in values.items() if not ctx.many or k == "province_source"
             or (k == "workbooks" and len(workbooks) <= 3)}
    sentence = ctx.t("report.meta" if workbooks else "report.meta_no_monitoring",
                     **{k: f"\x00{k}\x00" if k in names else v for k, v in values.items()})
    return _names_marked(sentence, names)


def _names_marked(sentence: str, values: dict[str, str]) -> Markup:
    """The sentence escaped, with each file-name list marked as written (lang="zh": a Chinese file name in the
    English brief is a name, not English text to translate)."""
    out = Markup(escape(sentence))
    for key, text in values.items():
        out = out.replace(f"\x00{key}\x00", Markup('<span class="file" lang="zh">{}</span>').format(text))
    return Markup(out)


def plan_line(ctx: ReportContext) -> str:
    """Which plan and period the report evaluates, and where the report year stands in it (per county when
    the counties' plans or phases differ)."""
    items: dict[str, list[str]] = {}
    for entity in ctx.inputs.entities:
        period = ctx.inputs.plan_of(entity).period
        item = ctx.t("plan_cycle.plan_item", period=period_label(period, ctx.lang),
                     years=period_years(period, ctx.lang),
                     phase=ctx.t(f"plan_cycle.phases.{phase(period, ctx.inputs.report_year)}"))
        items.setdefault(item, []).append(ctx.entity_name(entity))
    if len(items) == 1:
        return ctx.t("plan_cycle.plan_line", plans=next(iter(items)))
    parts = [ctx.t("plan_cycle.plan_for", counties=ctx.names(names), plan=item)
             for item, names in items.items()]
    return ctx.t("plan_cycle.plan_line", plans=ctx.t("report.item_sep").join(parts))
