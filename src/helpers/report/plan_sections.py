"""The report's plan-cycle chapters: progress against the plan (完成进度 against 序时进度 in the period, met or
missed at the final evaluation) and the outlook for drafting the next plan. Built from the same blocks as every
chapter (helpers.report.sections.chapter); the words are in helpers/core/wording (plan_cycle.*)."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from helpers.analyse.growth import TARGET_MET, TARGET_MISSED
from helpers.core.config import PlanPeriod
from helpers.core.formatting import number as fmt_num
from helpers.core.formatting import percent as fmt_pct
from helpers.core.method import method_parameters
from helpers.core.periods import period_label
from helpers.report import charts
from helpers.report.html import Cell, Column, Html, Table
from helpers.report.plan_cycle import FINAL_PHASES, final_counts_line
from helpers.report.sections import ReportContext, chapter, figure_block, indicator_cell, value_text


def _many_rows() -> int:
    """With many counties the tables keep the rows that most need attention; every row is in the results
    workbook (config/method.yaml)."""
    return method_parameters().rows_with_many_counties


def _w(ctx: ReportContext, key: str, **values) -> str:
    return ctx.w(f"plan_cycle.{key}", **values)


def _target(ctx: ReportContext, value, comparator) -> str:
    """A target with its comparator: in a final evaluation '≥35' and '>35' are judged differently."""
    text = value_text(ctx, value, comparator)
    return "≥" + text if comparator == ">=" and text != "—" else text


def _unit(ctx: ReportContext, unit: str) -> str:
    return f"（{ctx.unit(unit)}）" if ctx.lang == "zh" else f" ({ctx.unit(unit)})"


def _year_value(ctx: ReportContext, year, value) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(year)}: {value_text(ctx, value)}"


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
            blocks.append({"kind": "heading", "text": _w(ctx, "schedule_title")})
        blocks += _schedule_blocks(ctx, in_period)
    if not blocks:
        return Html("")
    return chapter(ctx, "plan", _w(ctx, "final_title") if len(final) else _w(ctx, "schedule_title"), blocks)


def _final_blocks(ctx: ReportContext, rows: pd.DataFrame) -> list[dict]:
    counts = [final_counts_line(ctx, e) for e in dict.fromkeys(rows["entity"])]
    judged = rows[rows["target_met"].notna()]   # targets still waiting for their year's actual are counted above
    if ctx.many:
        judged = judged[judged["target_met"].eq(False)].sort_values("completion_rate").head(_many_rows())
    body = []
    for r in judged.itertuples():
        met = bool(r.target_met)
        body.append([ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id, r.comparability),
                     Cell(_w(ctx, "met.yes" if met else "met.no"), light=TARGET_MET if met else TARGET_MISSED),
                     _target(ctx, r.target_value, r.target_comparator),
                     _year_value(ctx, r.evaluated_year, r.evaluated_value),
                     fmt_pct(r.completion_rate), value_text(ctx, r.gap_to_target, unit=r.unit)])
    columns = [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"),
               Column(_w(ctx, "col_met"), "judgement"), Column(_w(ctx, "col_target"), "num"),
               Column(_w(ctx, "col_actual"), "num"), Column(_w(ctx, "col_completion"), "num", fold=True),
               Column(_w(ctx, "col_gap"), "num", fold=True)]
    notes = [_w(ctx, "final_note")] + ([_w(ctx, "many_note", n=_many_rows())] if ctx.many else [])
    blocks = [{"kind": "list", "css": "summary", "entries": counts}]
    if body:
        blocks.append({"kind": "table", "table": Table(columns, body, more=ctx.t("more"))})
    return blocks + [{"kind": "notes", "entries": notes}]


def _schedule_blocks(ctx: ReportContext, rows: pd.DataFrame) -> list[dict]:
    if ctx.many:
        rows = rows.sort_values("progress_share").head(_many_rows())
    body = []
    for r in rows.itertuples():
        body.append([ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id, r.comparability),
                     Cell(_w(ctx, f"schedule.{r.schedule_judgement}"), light=r.schedule_judgement),
                     fmt_pct(r.progress_share), fmt_pct(r.schedule_share),
                     _year_value(ctx, r.base_year, r.base_value), _year_value(ctx, r.evaluated_year, r.evaluated_value),
                     _target(ctx, r.target_value, r.target_comparator),
                     "—" if pd.isna(r.sdg_progress_ratio) else f"{r.sdg_progress_ratio:.2f}"])
    columns = [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"),
               Column(_w(ctx, "col_judgement"), "judgement"), Column(_w(ctx, "col_progress"), "num"),
               Column(_w(ctx, "col_schedule"), "num"), Column(_w(ctx, "col_base"), "num", fold=True),
               Column(_w(ctx, "col_latest"), "num", fold=True), Column(_w(ctx, "col_target"), "num", fold=True),
               Column(_w(ctx, "col_sdg"), "num", fold=True)]
    notes = [_w(ctx, "schedule_note")] + ([_w(ctx, "many_note", n=_many_rows())] if ctx.many else [])
    return [{"kind": "table", "table": Table(columns, body, more=ctx.t("more"))}, {"kind": "notes", "entries": notes}]


def _periods(o: pd.DataFrame, lang: str) -> tuple[str, str, int]:
    first = o.iloc[0]
    nxt = PlanPeriod(first["next_plan"], int(first["next_base_year"]), int(first["next_target_year"]))
    ended = PlanPeriod(first["ended_plan"], int(first["ended_base_year"]), int(first["ended_target_year"]))
    return period_label(ended, lang), period_label(nxt, lang), nxt.target_year


def outlook_section(ctx: ReportContext) -> Html:
    """After a plan's target year: each series projected to the next target year (narrow and wide intervals),
    the next plan's target and where it falls, growth achieved against growth the new target needs."""
    o = ctx.outlook
    if o is None or o.empty:
        return Html("")
    rows = o[(o["trend_n_obs"] >= 2) | o["next_target_value"].notna()]
    if ctx.many:
        rows = rows.sort_values("acceleration_needed", ascending=False, na_position="last").head(_many_rows())
    ended, nxt, year = _periods(o, ctx.lang)
    body = []
    for r in rows.itertuples():
        projection = [value_text(ctx, r.projection)]
        if pd.notna(r.implied_annual_growth):
            projection.append(_w(ctx, "per_year", rate=fmt_pct(r.implied_annual_growth)))
        if pd.notna(r.pi80_lower):
            levels = method_parameters()
            projection += [f"{levels.narrow_level:.0%}: {fmt_num(r.pi80_lower)}–{fmt_num(r.pi80_upper)}",
                           f"{levels.wide_level:.0%}: {fmt_num(r.pi95_lower)}–{fmt_num(r.pi95_upper)}"]
        growth = "—" if pd.isna(r.achieved_growth_last_period) and pd.isna(r.required_growth_next_period) else \
            f"{fmt_pct(r.achieved_growth_last_period)} → {fmt_pct(r.required_growth_next_period)}"
        reading = _w(ctx, f"outlook_short.{r.target_reading}") if isinstance(r.target_reading, str) else "—"
        body.append([ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id) + _unit(ctx, r.unit),
                     _target(ctx, r.next_target_value, r.next_target_comparator), reading,
                     Markup("<br>").join(projection), growth,
                     _year_value(ctx, r.last_actual_year, r.last_actual_value)])
    columns = [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"),
               Column(_w(ctx, "col_next_target", period=nxt), "num"), Column(_w(ctx, "col_position")),
               Column(_w(ctx, "col_projection", year=year), "num"),
               Column(_w(ctx, "col_growths", ended=ended, period=nxt), "num", fold=True),
               Column(_w(ctx, "col_latest"), "num", fold=True)]
    notes = [_w(ctx, "outlook_note")] + ([_w(ctx, "many_note", n=_many_rows())] if ctx.many else [])
    return chapter(ctx, "outlook", _w(ctx, "outlook_title", period=nxt), [
        {"kind": "table", "table": Table(columns, body, more=ctx.t("more"))}, {"kind": "notes", "entries": notes},
        figure_block(ctx, outlook_figures(ctx))])


def outlook_figures(ctx: ReportContext, limit: int = 6) -> list[tuple]:
    """The trend to the next target year with its narrow (thick) and wide (thin) intervals and the next target."""
    def draw():
        import numpy as np

        from helpers.analyse.inputs import observed_up_to, series
        from helpers.analyse.trends import fitted_curve
        o = ctx.outlook
        rows = o[o["trend_n_obs"] >= 2]
        if len(rows) > limit:
            rows = rows.sort_values("acceleration_needed", ascending=False, na_position="last").head(limit)
        panels = []
        for r in rows.itertuples():
            # The observations the trend was fitted to; the line and its intervals as outlook.csv holds them.
            obs = pd.DataFrame(observed_up_to(series(ctx.inputs, r.entity, r.indicator_id), ctx.inputs.report_year))
            end = int(r.next_target_year)
            xs = np.linspace(obs["year"].min(), end, 40)
            curve = fitted_curve(None if pd.isna(r.trend_scale) else r.trend_scale, r.trend_intercept,
                                 r.trend_slope, xs)
            has_interval = pd.notna(r.pi95_lower)
            name = f"{ctx.entity_name(r.entity)}{ctx.w('figures.sep')}{ctx.indicator_name(r.indicator_id)}"
            unit, scale = ctx.figure_unit(r.unit)
            reading = _w(ctx, f"outlook_short.{r.target_reading}") if isinstance(r.target_reading, str) else ""
            reading = "\n" + charts._wrap(reading, ctx.lang) if reading else ""
            panels.append({"title": charts._wrap(name + unit, ctx.lang) + reading, "scale": scale,
                           "years": obs["year"].tolist(),
                           "values": obs["value"].tolist(), "curve_x": xs, "curve_y": curve,
                           "target_year": end, "target": None if pd.isna(r.next_target_value) else
                           float(r.next_target_value),
                           "interval": (r.pi95_lower, r.pi95_upper) if has_interval else None,
                           "interval_80": (r.pi80_lower, r.pi80_upper) if has_interval else None,
                           "ticks": sorted({int(obs["year"].min()), int(r.next_base_year), end})})
        return [(charts.trend_panels(chunk), _w(ctx, "fig_outlook")) for chunk in charts.chunks(panels, 3)]
    return ctx.figure("outlook", draw)
