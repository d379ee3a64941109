"""The title block of both documents: what is reported, on which counties, from which files, and which plan
and period the report year evaluates (per county when their plans or phases differ)."""
from __future__ import annotations

from helpers.core.periods import period_label, phase
from helpers.report.blocks import Html, light_styles, render
from helpers.report.context import ReportContext


def title_block(ctx: ReportContext, document: str = "report") -> Html:
    inputs = ctx.inputs
    prov_rows = inputs.indicators[inputs.indicators["entity"] == inputs.province]
    prov_files = sorted(set(prov_rows["source_file"]))
    if ctx.many:
        n = len(inputs.entities)
        entities, files = ctx.t("report.many_entities", n=n), ctx.t("report.many_files", n=n)
        prov_text = ctx.names(prov_files[:2]) + (ctx.t("report.and_more") if len(prov_files) > 2 else "")
    else:
        entities = ctx.names(ctx.entity_name(e) for e in inputs.entities)
        files = ctx.names(sorted({p.file for p in inputs.sources.plans if p.entity in inputs.entities}))
        prov_text = ctx.names(prov_files) or "—"
    return render("title.html.j2", lights=light_styles(), kicker=ctx.t(f"report.kicker_{document}"),
                  title=ctx.t("report.title"), subtitle=ctx.t("report.subtitle", entities=entities),
                  plan=plan_line(ctx), meta=ctx.t("report.meta", files=files, province_source=prov_text))


def plan_line(ctx: ReportContext) -> str:
    """Which plan and period the report evaluates, and where the report year stands in it (per county when
    the counties' plans or phases differ)."""
    items: dict[str, list[str]] = {}
    for entity in ctx.inputs.entities:
        period = ctx.inputs.plan_of(entity).period
        item = ctx.t("plan_cycle.plan_item", period=period_label(period, ctx.lang), years=period.years,
                     phase=ctx.t(f"plan_cycle.phases.{phase(period, ctx.inputs.report_year)}"))
        items.setdefault(item, []).append(ctx.entity_name(entity))
    if len(items) == 1:
        return ctx.t("plan_cycle.plan_line", plans=next(iter(items)))
    parts = [ctx.t("plan_cycle.plan_for", counties=ctx.names(names), plan=item)
             for item, names in items.items()]
    return ctx.t("plan_cycle.plan_line", plans=ctx.t("report.item_sep").join(parts))
