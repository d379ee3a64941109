"""The yearly report's sections: data prepared here, laid out by Jinja2 templates in templates/report/.

Two documents come from one executed report notebook (notebooks/04_report.ipynb):
  - the leadership brief (cells tagged "brief"): headline judgements and a scorecard on page 1, then the few
    figures that carry the story and tables that fold on a phone;
  - the analyst report (cells tagged "report"): the same start, then every table, the appendices on data
    quality and sources, and the method.
Each section function returns rendered HTML (`Html`, shown by Jupyter as the cell's value). A chapter is a
heading and a list of blocks (tables as data, figures as SVG, notes); new chapters are made the same way.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
from markupsafe import Markup

from helpers.analyse import (
    AnalysisInputs,
    load_inputs,
    read_tables,
)
from helpers.analyse.evaluation import (
    AHEAD,
    BEHIND,
    HELD,
    NOT_HELD,
    ON_SCHEDULE,
    SCHEDULE_COLOURS,
    completion_rate,
)
from helpers.analyse.growth import (
    CATEGORIES,
    CATEGORY_COLOURS,
    DARK_CATEGORIES,
    LIMITED_PROGRESS,
    MOVING_AWAY,
    NEEDS_ACCELERATION,
    NOT_ASSESSABLE,
    ON_TRACK,
    RATE_CAGR,
    TARGET_MET,
    TARGET_MISSED,
    category_label,
)
from helpers.core import paths
from helpers.core.formatting import number as fmt_num
from helpers.core.formatting import percent as fmt_pct
from helpers.core.method import method_parameters
from helpers.core.periods import IN_PERIOD
from helpers.core.wording import Wording, notes_text, quote, words_for
from helpers.files.processed import read_processed
from helpers.report import charts
from helpers.report.html import Cell, Column, Figure, Html, Table, render, svg
from helpers.report.plan_cycle import FINAL_PHASES, plan_line
from helpers.report.summary import executive_summary

LANGS = ("zh", "en")
AUDIENCES = ("leadership", "analyst")
DOCUMENTS = ("brief", "report")
# Text on a dark traffic light is white; on a light one, near-black.
DARK_LIGHTS = DARK_CATEGORIES + ("ahead", "not_held")


@dataclass
class ReportContext:
    inputs: AnalysisInputs
    lang: str
    audience: str
    progress: pd.DataFrame
    comparison: pd.DataFrame
    checks: pd.DataFrame
    cleaning_log: pd.DataFrame
    outlook: pd.DataFrame | None = None        # drafting the next plan (empty before any plan has ended)
    _figures: dict = field(default_factory=dict, repr=False)   # each figure drawn and written once

    @property
    def w(self) -> Wording:
        return words_for(self.lang, self.inputs.catalogue)

    @property
    def years(self) -> dict[str, int]:
        """The years wording may name, all from the data and config/sources.yaml: those of the plan the report
        year evaluates (helpers.core.periods; when the counties' plans differ, the one most of them evaluate)."""
        period = self.period
        base = self.progress["baseline_year"].dropna()
        return {"year": self.inputs.report_year, "target_year": period.target_year,
                "start_year": period.base_year + 1,
                "base_year": int(base.min()) if len(base) else period.base_year}

    @cached_property
    def period(self):
        """The period the report's shared wording names: the one most counties' evaluated plans have."""
        periods = [self.inputs.plan_of(e).period for e in self.inputs.entities]
        return max(set(periods), key=lambda q: (periods.count(q), q.target_year))

    def t(self, key: str, **values) -> str:
        return self.w(f"report.{key}", **{**self.years, "province_target": self.w("definitions.province_target"),
                                          **values})

    @property
    def many(self) -> bool:
        # config/method.yaml: one threshold for the comparison, tables and charts
        return len(self.inputs.entities) > method_parameters().many_counties

    def entity_name(self, entity: str) -> str:
        zh, en = self.inputs.sources.entity_names()[entity]
        return zh if self.lang == "zh" else en

    def indicator_name(self, ind_id: str) -> str:
        ind = self.inputs.catalogue.indicators[ind_id]
        return ind.name_zh if self.lang == "zh" else ind.name_en

    def category_label(self, category: str) -> str:
        return category_label(category, self.lang)

    def unit(self, unit: str) -> str:
        return self.w.unit(unit)

    def figure_unit(self, unit: str) -> tuple[str, float]:
        """A figure's unit, bracketed for its title, and the factor its values are drawn with: English figures
        draw 万人 as thousand persons (the catalogue's figure_en), which reads naturally; Chinese as written."""
        u = self.inputs.catalogue.units.get(unit)
        if self.lang == "zh" or u is None or not u.figure_name_en:
            name, factor = self.unit(unit), 1.0
        else:
            name, factor = u.figure_name_en, u.figure_factor_en
        return (f"（{name}）" if self.lang == "zh" else f" ({name})"), factor

    def names(self, items) -> str:
        return self.t("list_sep").join(items)

    def indicator_reason(self, ind_id: str) -> str:
        ind = self.inputs.catalogue.indicators[ind_id]
        return ind.comparability_reason if self.lang == "zh" else ind.comparability_reason_en

    def relation_reason(self, a: str, b: str) -> str:
        rel = self.inputs.catalogue.relation(a, b)
        if rel is None:
            return ""
        return rel.reason if self.lang == "zh" else rel.reason_en

    def figure(self, name: str, draw) -> list[Figure]:
        """Figures drawn and written as SVG once per context: the brief and the report show the same ones.
        draw() returns [(matplotlib figure or None, caption)]."""
        if name not in self._figures:
            charts.use_report_style()   # the Chinese font, whoever calls (the notebook sets it too)
            self._figures[name] = [Figure(svg(fig), caption, drawn=fig) for fig, caption in draw() if fig is not None]
        return self._figures[name]


def build_context(inputs: AnalysisInputs, lang: str, audience: str, checks: pd.DataFrame,
                  cleaning_log: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> ReportContext:
    """The report's content; `tables` are the analysis tables as written (analyse.read_tables), never recomputed."""
    from helpers.run.parameters import check_audience, check_lang
    lang, audience = check_lang(lang), check_audience(audience)
    keep = inputs.entities + [inputs.province]
    return ReportContext(inputs, lang, audience, tables[paths.TRENDS_CSV], tables[paths.COMPARISON_CSV],
                         checks[checks["entity"].isin(keep)], cleaning_log[cleaning_log["entity"].isin(keep)],
                         tables[paths.OUTLOOK_CSV])


def load_report_context(processed_dir=None, config_dir=None, report_year=None, entities=None,
                        lang: str = "zh", audience: str = "leadership",
                        year_must_have_data: bool = True) -> ReportContext:
    """Everything the report needs, from data/processed/ and the config (papermill passes '' for unset):
    the analysis tables are read as `make analysis` wrote them, and refused if built for other parameters."""
    from helpers.run.parameters import check_audience, check_lang, folder
    lang, audience = check_lang(lang), check_audience(audience)   # before the slow part
    processed_dir = folder(processed_dir, paths.PROCESSED_DIR, "processed_dir")
    inputs = load_inputs(processed_dir, folder(config_dir, paths.CONFIG_DIR, "config_dir"), report_year or None,
                         entities or None, year_must_have_data)
    checks = read_processed(processed_dir, paths.CHECKS_CSV)
    cleaning_log = read_processed(processed_dir, paths.CLEANING_LOG_CSV)
    return build_context(inputs, lang, audience, checks, cleaning_log, read_tables(inputs))


# ----------------------------------------------------------------------------- building blocks

def chapter(ctx: ReportContext, chapter_id: str, title: str, blocks: list[dict], first: bool = False) -> Html:
    """One chapter (templates/report/chapter.html.j2). Blocks: {"kind": "table", "table": Table},
    {"kind": "figures", "figures": [Figure]}, {"kind": "legend"|"notes"|"list", "entries": [...]},
    {"kind": "heading"|"paragraph", "text": ...}. Empty blocks are left out."""
    kept = [b for b in blocks if b and not (b["kind"] == "figures" and not b["figures"])]
    return render("chapter.html.j2", id=chapter_id, title=title, blocks=kept, first=first,
                  figure_label=ctx.t("figure_label"), figure_sep=ctx.t("figure_sep"))


def light(ctx: ReportContext, category, final: bool = False) -> Cell:
    if not isinstance(category, str) or not category:
        return Cell("—")
    return Cell(judgement_label(ctx, category, final), light=category)


def judgement_label(ctx: ReportContext, code: str, final: bool = False) -> str:
    """A judgement as the reader sees it: a progress category (进度正常 …), a 序时进度 judgement (快于序时进度 …), or at
    a final evaluation met / not met (达标 / 未达标)."""
    if final and code in (TARGET_MET, TARGET_MISSED):
        return ctx.w("plan_cycle.met.yes" if code == TARGET_MET else "plan_cycle.met.no")
    if code in SCHEDULE_COLOURS:
        return ctx.w(f"plan_cycle.schedule.{code}")
    return ctx.category_label(code)


def legend(ctx: ReportContext, short: bool = False, note: str = "", codes=CATEGORIES, final: bool = False) -> dict:
    labels = ctx.w.table("categories_short") if short else None
    entries = [(c, f"{labels[c]} = {judgement_label(ctx, c, final)}" if short else judgement_label(ctx, c, final))
               for c in codes]
    return {"kind": "legend", "entries": entries, "note": note}


def indicator_cell(ctx: ReportContext, ind_id: str, comparability: str = "same") -> str:
    name = ctx.indicator_name(ind_id)
    if comparability == "caveat":
        return name + ctx.t("caveat_mark", caveat=ctx.t("caveat"))
    return name


def value_text(ctx: ReportContext, value, comparator=None, unit: str | None = None) -> str:
    """A value as the report writes it: comparator, number in the report's format, unit in its language."""
    text = _cmp(comparator) + fmt_num(value)
    if unit and text != "—":
        text += ("" if ctx.lang == "zh" else " ") + ctx.unit(unit)
    return text


def rate_text(ctx: ReportContext, value, method, comparator=None) -> str:
    if value is None or pd.isna(value):
        return "—"
    prefix = ">" if comparator == ">" else ""
    if method == RATE_CAGR:
        return prefix + fmt_pct(value)
    return prefix + f"{value:+.3g}{ctx.t('per_year')}"


def figure_block(ctx: ReportContext, items: list) -> dict:
    """items: figures from ctx.figure (already SVG), or (matplotlib Figure or None, caption) pairs, each made
    inline SVG with its caption here. On paper and wide screens the figures of one block sit side by side."""
    figs = [item if isinstance(item, Figure) else Figure(svg(item[0]), item[1], drawn=item[0])
            for item in items if isinstance(item, Figure) or item[0] is not None]
    return {"kind": "figures", "figures": figs}


QUOTED_NAME = re.compile(r"'([^']*[\u3400-\u9fff][^']*)'")


def quotes_marked(text: str) -> Markup:
    """An English sentence of the data step that quotes a document's Chinese words in '…': the quotations
    marked as such (lang="zh"), the rest escaped."""
    out, last = Markup(""), 0
    for m in QUOTED_NAME.finditer(text):
        out += text[last:m.start()] + quote(m.group(1), html=True)
        last = m.end()
    return out + text[last:]


def _cmp(comparator) -> str:
    return "" if comparator in (None, "=", ">=", "") or pd.isna(comparator) else str(comparator)


def _yes_no(ctx: ReportContext, value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return ctx.t("yes") if value else ctx.t("no")


def _source_ref(file, line) -> str:
    line = "" if line is None or pd.isna(line) else f":{int(line)}"
    return f"{file}{line}"


# ----------------------------------------------------------------------------- title and summary

def light_styles() -> list[tuple[str, str, str]]:
    """The traffic-light CSS classes: (code, background, text colour), from the one colour mapping."""
    colours = {**CATEGORY_COLOURS, **SCHEDULE_COLOURS}   # progress categories and 序时进度 judgements
    return [(code, colour, "#fff" if code in DARK_LIGHTS else "#222") for code, colour in colours.items()]


def title_block(ctx: ReportContext, document: str = "report") -> Html:
    inputs = ctx.inputs
    prov_rows = inputs.indicators[inputs.indicators["entity"] == inputs.province]
    prov_files = sorted(set(prov_rows["source_file"]))
    if ctx.many:
        n = len(inputs.entities)
        entities, files = ctx.t("many_entities", n=n), ctx.t("many_files", n=n)
        prov_text = ctx.names(prov_files[:2]) + (ctx.t("and_more") if len(prov_files) > 2 else "")
    else:
        entities = ctx.names(ctx.entity_name(e) for e in inputs.entities)
        files = ctx.names(sorted({p.file for p in inputs.sources.plans if p.entity in inputs.entities}))
        prov_text = ctx.names(prov_files) or "—"
    return render("title.html.j2", lights=light_styles(), kicker=ctx.t(f"kicker_{document}"), title=ctx.t("title"),
                  subtitle=ctx.t("subtitle", entities=entities), plan=plan_line(ctx),
                  meta=ctx.t("meta", files=files, province_source=prov_text))


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
        columns = [Column(ctx.t("county"), "nowrap")] + [Column(ctx.indicator_name(i), "judgement") for i in indicators]
        rows = [[ctx.entity_name(e)] + [Cell(short[judgement[(e, i)]], light=judgement[(e, i)])
                                        if (e, i) in judgement else Cell("") for i in indicators]
                for e in entities]
        return [Table(columns, rows, css="scorecard matrix")]
    columns = [Column(ctx.t("indicator"))] + [Column(ctx.entity_name(e), "judgement") for e in entities]
    rows = [[ctx.indicator_name(i)] + [light(ctx, judgement.get((e, i)), final.get((e, i), False)) for e in entities]
            for i in indicators]
    if len(entities) > method_parameters().scorecard_halves_up_to:   # more: a half table is too narrow
        return [Table(columns, rows, css="scorecard")]
    # Two half tables side by side on paper and wide screens (one under the other on a phone): the whole
    # scorecard fits on page 1 with the headline judgements.
    half = (len(rows) + 1) // 2
    return [Table(columns, rows[:half], css="scorecard"), Table(columns, rows[half:], css="scorecard")]



def summary_section(ctx: ReportContext) -> Html:
    """Page 1 of both documents: the headline judgements and the scorecard, with how it judges this year."""
    judgements, kind = scorecard_judgements(ctx.progress), scorecard_kind(ctx)
    return chapter(ctx, "summary", ctx.t("summary"), [
        {"kind": "list", "css": "summary", "entries": executive_summary(ctx)},
        {"kind": "heading", "text": ctx.t(f"scorecard_{kind}")},
        legend(ctx, short=ctx.many, note=ctx.t("not_in_plan"), codes=scorecard_codes(ctx, judgements),
               final=kind == "final"),
        {"kind": "notes", "entries": [ctx.t(f"scorecard_note_{kind}")]},
        {"kind": "tables", "tables": scorecard_tables(ctx, judgements)},
    ], first=True)


# ----------------------------------------------------------------------------- progress

def growth_figure(ctx: ReportContext) -> list[Figure]:
    def draw():
        p = ctx.progress
        rows = p[p["historical_growth"].notna() & p["required_growth"].notna() & (p["growth_method"] == RATE_CAGR)]
        if len(rows) > 12:
            rows = rows.assign(_gap=rows["required_growth"] - rows["historical_growth"]).nlargest(12, "_gap")
        sep = ctx.w("figures.sep")
        data = [{"label": charts._wrap(f"{ctx.entity_name(r.entity)}{sep}{ctx.indicator_name(r.indicator_id)}",
                                       ctx.lang),
                 "achieved": r.historical_growth, "required": r.required_growth, "category": r.progress_category}
                for r in rows.itertuples()]
        return [(charts.growth_chart(data, ctx.w("figures.rate_axis")), ctx.t("fig_growth"))]
    return ctx.figure("growth", draw)


def progress_table_view(ctx: ReportContext, rows: pd.DataFrame) -> Table:
    columns = [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"),
               Column(ctx.t("progress_col"), "judgement"),
               Column(ctx.t("latest"), "num", fold=True), Column(ctx.t("target"), "num", fold=True),
               Column(ctx.t("hist"), "num", fold=True), Column(ctx.t("req"), "num", fold=True),
               Column(ctx.t("reason"), "note", fold=True)]
    body = [[ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id, r.comparability),
             light(ctx, r.progress_category),
             value_text(ctx, r.latest_value), value_text(ctx, r.target_value, r.target_comparator),
             rate_text(ctx, r.historical_growth, r.growth_method),
             rate_text(ctx, r.required_growth, r.growth_method, r.required_growth_comparator),
             notes_text(r.progress_notes, ctx.w, "progress_notes")]
            for r in rows.itertuples()]
    return Table(columns, body, more=ctx.t("more"))


def completion_figures(ctx: ReportContext) -> list[Figure]:
    """Per indicator, each county's latest actual as a share of its target, direction-aware as 完成率 is
    (helpers.analyse.evaluation.completion_rate): 100% is the target reached. All indicators share one axes,
    rows_per_figure (config/method.yaml) rows a figure."""
    def draw():
        p = ctx.progress
        p = p[p["latest_value"].notna() & p["target_value"].notna()]
        rows = []
        for ind_id, g in p.groupby("indicator_id", sort=False):
            ratios = map(completion_rate, g["latest_value"], g["target_value"], g["direction"])
            points = [(ctx.entity_name(e), ratio) for e, ratio in zip(g["entity"], ratios) if ratio is not None]
            if points:
                rows.append({"label": charts._wrap(_ratio_label(ctx, ind_id, g.iloc[0]["comparability"]), ctx.lang),
                             "points": points})
        counties = [ctx.entity_name(e) for e in ctx.inputs.entities]
        return [(charts.ratio_chart(chunk, counties, ctx.many, reference=charts.TARGET_COLOUR),
                 ctx.t("fig_completion")) for chunk in charts.chunks(rows, method_parameters().rows_per_figure)]
    return ctx.figure("completion", draw)


def _ratio_label(ctx: ReportContext, ind_id: str, comparability: str) -> str:
    """An indicator's row label in a ratio chart; ↓ marks one where lower is better."""
    lower = ctx.inputs.catalogue.indicators[ind_id].direction == "lower"
    return indicator_cell(ctx, ind_id, comparability) + (" ↓" if lower else "")


def key_figures_brief(ctx: ReportContext) -> Html:
    """The brief's figures that carry the story, side by side on paper: growth achieved against growth
    required, and the counties' targets against the province's."""
    return chapter(ctx, "figures", ctx.t("key_figures"),
                   [figure_block(ctx, growth_figure(ctx) + province_figure(ctx))])


def progress_brief(ctx: ReportContext) -> Html:
    p = ctx.progress
    assessable = p[p["progress_category"] != NOT_ASSESSABLE]
    blocks = []
    if ctx.many:
        blocks.append({"kind": "notes", "entries": [ctx.t("progress_many_note")]})
    elif len(assessable):
        blocks += [{"kind": "heading", "text": ctx.t("progress_assessable")},
                   {"kind": "table", "table": progress_table_view(ctx, assessable)}]
    else:
        blocks.append({"kind": "notes", "entries": [ctx.t("no_assessable")]})
    return chapter(ctx, "progress", ctx.t("progress"), blocks)


def trend_figures(ctx: ReportContext, limit: int = 8) -> list[tuple]:
    def draw():
        import numpy as np

        from helpers.analyse.inputs import observed_up_to, series
        from helpers.analyse.trends import fitted_curve
        inputs = ctx.inputs
        rows = ctx.progress[ctx.progress["trend_n_obs"] >= 2]
        if len(rows) > limit:
            rows = rows.sort_values(["trend_probability_meets_target", "progress_ratio"],
                                    na_position="last").head(limit)
        panels = []
        for r in rows.itertuples():
            # The observations the trend was fitted to; the line and its interval as trends.csv holds them.
            obs = pd.DataFrame(observed_up_to(series(inputs, r.entity, r.indicator_id), inputs.report_year))
            target_year = int(r.trend_projection_year)
            xs = np.linspace(obs["year"].min(), target_year, 40)
            curve = fitted_curve(None if pd.isna(r.trend_scale) else r.trend_scale, r.trend_intercept,
                                 r.trend_slope, xs)
            has_interval = pd.notna(r.trend_pi_lower)
            note = "" if has_interval else "\n" + ctx.w("figures.no_interval")
            name = f"{ctx.entity_name(r.entity)}{ctx.w('figures.sep')}{ctx.indicator_name(r.indicator_id)}"
            unit, scale = ctx.figure_unit(r.unit)
            title = charts._wrap(name + unit, ctx.lang) + note
            panels.append({"title": title, "scale": scale, "years": obs["year"].tolist(),
                           "values": obs["value"].tolist(),
                           "curve_x": None if curve is None else xs, "curve_y": curve, "target_year": target_year,
                           "target": None if pd.isna(r.target_value) else float(r.target_value),
                           "interval": (r.trend_pi_lower, r.trend_pi_upper) if has_interval else None})
        return [(charts.trend_panels(chunk), ctx.t("fig_trend")) for chunk in charts.chunks(panels, 3)]
    return ctx.figure("trends", draw)


def progress_section(ctx: ReportContext) -> Html:
    blocks = [figure_block(ctx, growth_figure(ctx) + completion_figures(ctx))]
    if ctx.many:
        blocks.append({"kind": "notes", "entries": [ctx.t("progress_many_note")]})
    else:
        blocks += [{"kind": "heading", "text": ctx.t("progress_all")}, legend(ctx),
                   {"kind": "table", "table": progress_table_view(ctx, ctx.progress)}]
    blocks.append(figure_block(ctx, trend_figures(ctx)))
    return chapter(ctx, "progress", ctx.t("progress"), blocks)


# ----------------------------------------------------------------------------- against the province

def province_figure(ctx: ReportContext) -> list[Figure]:
    def draw():
        c = ctx.comparison
        c = c[(c["comparison"] == "county_vs_province") & (c["basis"] == "gap and ratio") & c["target_ratio"].notna()]
        rows = [{"label": charts._wrap(_ratio_label(ctx, ind_id, g.iloc[0]["comparability"]), ctx.lang),
                 "points": [(ctx.entity_name(e), v) for e, v in zip(g["entity"], g["target_ratio"])]}
                for ind_id, g in c.groupby("indicator_id", sort=False)]
        counties = [ctx.entity_name(e) for e in ctx.inputs.entities]
        return [(charts.ratio_chart(chunk, counties, ctx.many), ctx.t("fig_province"))
                for chunk in charts.chunks(rows, method_parameters().rows_per_figure)]
    return ctx.figure("province", draw)


def province_table(ctx: ReportContext) -> Table:
    c = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
    columns = [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"),
               Column(ctx.t("target"), "num"), Column(ctx.t("prov_target"), "num"),
               Column(ctx.t("meets"), "nowrap", fold=True), Column(ctx.t("unit"), "nowrap", fold=True),
               Column(ctx.t("latest"), "num", fold=True), Column(ctx.t("share_or_ratio"), "num", fold=True)]
    rows = []
    for r in c.itertuples():
        total = r.basis == "share of province"
        rows.append([ctx.entity_name(r.entity), indicator_cell(ctx, r.indicator_id, r.comparability),
                     value_text(ctx, r.target_value, r.target_comparator), value_text(ctx, r.other_value),
                     "—" if total else _yes_no(ctx, getattr(r, "target_meets_province", None)), ctx.unit(r.unit),
                     value_text(ctx, r.latest_value),
                     fmt_pct(r.target_share_of_province) if total else fmt_pct(r.target_ratio)])
    return Table(columns, rows, more=ctx.t("more"))


def province_many_table(ctx: ReportContext) -> Table:
    """Many counties: one row per indicator, how the counties' targets stand against the province's."""
    c = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
    rows = []
    for ind_id, g in c.groupby("indicator_id", sort=False):
        first = g.iloc[0]
        with_target = g.dropna(subset=["target_value"])
        if first["basis"] == "share of province":
            verdict = ctx.t("share_total", share=fmt_pct(with_target["target_share_of_province"].sum()))
        else:
            meets = with_target["target_meets_province"].astype("boolean")
            verdict = ctx.t("meets_count", meets=int(meets.sum()), total=len(meets))
        lo = with_target.loc[with_target["target_value"].idxmin()] if len(with_target) else None
        hi = with_target.loc[with_target["target_value"].idxmax()] if len(with_target) else None
        rows.append([indicator_cell(ctx, ind_id, first["comparability"]), verdict,
                     value_text(ctx, first["other_value"]), ctx.unit(first["unit"]),
                     value_text(ctx, with_target["target_value"].median()),
                     "—" if lo is None else f"{ctx.entity_name(lo['entity'])} {fmt_num(lo['target_value'])}",
                     "—" if hi is None else f"{ctx.entity_name(hi['entity'])} {fmt_num(hi['target_value'])}"])
    columns = [Column(ctx.t("indicator"), "name"), Column(ctx.t("against_province")),
               Column(ctx.t("prov_target"), "num", fold=True), Column(ctx.t("unit"), "nowrap", fold=True),
               Column(ctx.t("median_target"), "num", fold=True), Column(ctx.t("lowest"), fold=True),
               Column(ctx.t("highest"), fold=True)]
    return Table(columns, rows, more=ctx.t("more"))


def province_section(ctx: ReportContext) -> Html:
    if ctx.many:
        blocks = [{"kind": "table", "table": province_many_table(ctx)},
                  {"kind": "notes", "entries": [ctx.t("province_many_note")]}]
    else:
        blocks = [{"kind": "table", "table": province_table(ctx)},
                  {"kind": "notes", "entries": [ctx.t("province_note", unit=ctx.unit("万人"))]}]
    return chapter(ctx, "province", ctx.t("province"), [figure_block(ctx, province_figure(ctx))] + blocks)


# ----------------------------------------------------------------------------- county against county

def peers_table(ctx: ReportContext) -> Table:
    """A few counties: the comparable indicators, each county's latest value side by side."""
    c = ctx.comparison[(ctx.comparison["comparison"] == "county_vs_county")
                       & (ctx.comparison["comparability"] != "not_comparable")]
    latest = dict(zip(zip(ctx.progress["entity"], ctx.progress["indicator_id"]), ctx.progress["latest_value"]))
    entities = ctx.inputs.entities
    columns = ([Column(ctx.t("indicator"), "name")]
               + [Column(ctx.entity_name(e), "num", fold=i >= 3) for i, e in enumerate(entities)]
               + [Column(ctx.t("unit"), "nowrap", fold=True), Column(ctx.t("reason"), "note", fold=True)])
    rows = []
    for ind_id, g in c.groupby("indicator_id", sort=False):
        comp = g.iloc[0]["comparability"]
        rows.append([indicator_cell(ctx, ind_id, comp)] + [value_text(ctx, latest.get((e, ind_id))) for e in entities]
                    + [ctx.unit(g.iloc[0]["unit"]), ctx.indicator_reason(ind_id) if comp == "caveat" else ""])
    return Table(columns, rows, more=ctx.t("more"))


def ranking_table(ctx: ReportContext) -> Table:
    """Many counties: per indicator, the top and bottom three (caveats shown)."""
    c = ctx.comparison
    c = c[(c["comparison"] == "county_vs_peers") & (c["basis"] != "not compared")]
    rows = []
    for ind_id, g in c.groupby("indicator_id", sort=False):
        g = g.sort_values("rank_latest")
        names = lambda part: ctx.t("item_sep").join(f"{ctx.entity_name(r.entity)} {fmt_num(r.latest_value)}"  # noqa: E731
                                                    for r in part.itertuples())
        comp = g.iloc[0]["comparability"]
        rows.append([indicator_cell(ctx, ind_id, comp), names(g.head(3)), names(g.tail(3)),
                     value_text(ctx, g["latest_value"].median()), ctx.unit(g.iloc[0]["unit"]),
                     ctx.indicator_reason(ind_id) if comp == "caveat" else ""])
    columns = [Column(ctx.t("indicator"), "name"), Column(ctx.t("top_three")), Column(ctx.t("bottom_three")),
               Column(ctx.t("median_latest"), "num", fold=True), Column(ctx.t("unit"), "nowrap", fold=True),
               Column(ctx.t("reason"), "note", fold=True)]
    return Table(columns, rows, more=ctx.t("more"))


def counties_brief(ctx: ReportContext) -> Html:
    return chapter(ctx, "counties", ctx.t("counties"),
                   [{"kind": "table", "table": ranking_table(ctx) if ctx.many else peers_table(ctx)}])


def not_comparable_table(ctx: ReportContext) -> Table | None:
    c = ctx.comparison
    nc = c[(c["comparison"] != "county_vs_province") & (c["comparability"] == "not_comparable")]
    nc = nc.drop_duplicates(["indicator_id", "other_indicator_id"])
    if nc.empty:
        return None
    rows = [[ctx.indicator_name(r.indicator_id), ctx.indicator_name(r.other_indicator_id),
             ctx.relation_reason(r.indicator_id, r.other_indicator_id)] for r in nc.itertuples()]
    return Table([Column(ctx.t("indicator"), "name"), Column(ctx.t("other"), "name"),
                  Column(ctx.t("reason"), "note", fold=True)], rows, more=ctx.t("more"))


def counties_section(ctx: ReportContext) -> Html:
    if ctx.many:
        blocks = [{"kind": "table", "table": ranking_table(ctx)}]
    else:
        c = ctx.comparison[(ctx.comparison["comparison"] == "county_vs_county")
                           & (ctx.comparison["comparability"] != "not_comparable")]
        rows = [[indicator_cell(ctx, r.indicator_id, r.comparability), ctx.entity_name(r.entity),
                 value_text(ctx, r.latest_value), ctx.entity_name(r.other), value_text(ctx, r.other_value),
                 ctx.unit(r.unit), ctx.indicator_reason(r.indicator_id) if r.comparability == "caveat" else ""]
                for r in c.itertuples()]
        columns = [Column(ctx.t("indicator"), "name"), Column(ctx.t("county"), "nowrap"),
                   Column(ctx.t("latest"), "num"), Column(ctx.t("other"), "nowrap", fold=True),
                   Column(ctx.t("other_value"), "num", fold=True), Column(ctx.t("unit"), "nowrap", fold=True),
                   Column(ctx.t("reason"), "note", fold=True)]
        blocks = [{"kind": "table", "table": Table(columns, rows, more=ctx.t("more"))}]
    nc = not_comparable_table(ctx)
    if nc is not None:
        blocks += [{"kind": "heading", "text": ctx.t("not_comparable")}, {"kind": "table", "table": nc}]
    return chapter(ctx, "counties", ctx.t("counties"), blocks)


# ----------------------------------------------------------------------------- appendices

KEY_STEPS = ["unit_fixed", "implausible", "unit_from_catalogue", "baseline_from_prose", "value_from_prose",
             "broken_bracket", "missing", "unit_shorthand", "comparator", "percent_in_cell"]


def decision_text(ctx: ReportContext, step: str, values_json) -> str:
    """A cleaning decision in the report's language, from its language-neutral values (cleaning_log.csv)."""
    values = json.loads(values_json) if isinstance(values_json, str) and values_json else {}
    return ctx.w.describe(f"cleaning.decisions.{step}", values, html=True)


def evidence_text(ctx: ReportContext, evidence_json):
    items = json.loads(evidence_json) if isinstance(evidence_json, str) and evidence_json else []
    return Markup(ctx.w("cleaning.evidence_sep")).join(
        ctx.w.describe(f"cleaning.evidence.{e['code']}", {k: v for k, v in e.items() if k != "code"}, html=True)
        for e in items) if items else ""


def appendix_section(ctx: ReportContext) -> Html:
    steps = ["unit_fixed", "implausible", "value_from_prose"] if ctx.many else KEY_STEPS
    log = ctx.cleaning_log[ctx.cleaning_log["step"].isin(steps)]
    step_names = ctx.w.table("views.steps")
    blocks = [{"kind": "heading", "text": ctx.t("cleaning")}]
    if ctx.many:
        counts = ctx.cleaning_log["step"].value_counts()
        blocks.append({"kind": "table", "table": Table(
            [Column(ctx.t("step")), Column(ctx.t("count"), "num")],
            [[step_names.get(step, step), int(n)] for step, n in counts.items()], caption=ctx.t("cleaning_counts"))})
    rows = [[ctx.entity_name(r.entity), ctx.indicator_name(r.indicator_id),
             decision_text(ctx, r.step, r.values), evidence_text(ctx, r.evidence_values) or "—",
             _source_ref(r.source_file, r.source_line)]
            for r in log.itertuples()]
    blocks.append({"kind": "table", "table": Table(
        [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"), Column(ctx.t("decision"), "note"),
         Column(ctx.t("evidence"), "note", fold=True), Column(ctx.t("source"), "src", fold=True)],
        rows, more=ctx.t("more"))})
    dis = ctx.checks[ctx.checks["status"] == "disagree"]
    rows = [[ctx.entity_name(r.entity), ctx.indicator_name(r.indicator_id),
             r.explanation_zh if ctx.lang == "zh" else quotes_marked(r.explanation_en),
             Cell(quote(r.table_quote, html=True), lang="zh"), Cell(quote(r.prose_quote, html=True), lang="zh"),
             f"{_source_ref(r.table_file, r.table_line)} · {_source_ref(r.prose_file, r.prose_line)}"]
            for r in dis.itertuples()]
    blocks += [{"kind": "heading", "text": ctx.t("disagreements")}, {"kind": "table", "table": Table(
        [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"), Column(ctx.t("explanation"), "note"),
         Column(ctx.t("table_quote"), "quote", fold=True), Column(ctx.t("prose_quote"), "quote", fold=True),
         Column(ctx.t("source"), "src", fold=True)], rows, more=ctx.t("more"))}]
    cat = ctx.inputs.catalogue
    rows = [[ctx.indicator_name(i.id), ctx.t("caveat"), ctx.indicator_reason(i.id)]
            for i in cat.indicators.values() if i.comparability == "caveat"]
    rows += [[" ↔ ".join(ctx.indicator_name(x) for x in rel.indicators),
              ctx.t("not_comparable_status") if rel.status == "not_comparable" else ctx.t(rel.status),
              ctx.relation_reason(*rel.indicators)] for rel in cat.relations]
    blocks += [{"kind": "heading", "text": ctx.t("caveats")}, {"kind": "table", "table": Table(
        [Column(ctx.t("indicator"), "name"), Column(ctx.t("comparability"), "nowrap"),
         Column(ctx.t("reason"), "note", fold=True)], rows, more=ctx.t("more"))}]
    return chapter(ctx, "appendix-a", ctx.t("appendix"), blocks)


def sources_section(ctx: ReportContext) -> Html:
    ind = ctx.inputs.indicators
    ind = ind[ind["entity"].isin(ctx.inputs.entities + [ctx.inputs.province])]
    if ctx.many:
        return chapter(ctx, "appendix-b", ctx.t("sources"), [{"kind": "table", "table": _compact_sources(ctx, ind)}])
    kinds = {"actual": ctx.t("actual"), "target": ctx.t("target_kind"), "baseline_derived": ctx.t("baseline_derived")}
    rows = [[ctx.entity_name(r.entity), ctx.indicator_name(r.indicator_id), str(r.year), kinds.get(r.kind, r.kind),
             value_text(ctx, r.value, r.comparator, r.unit), _where(r),
             Cell(quote(r.source_text, html=True), lang="zh")]
            for r in ind.itertuples()]
    columns = [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"), Column(ctx.t("year"), "num"),
               Column(ctx.t("kind"), "nowrap", fold=True), Column(ctx.t("value"), "num"),
               Column(ctx.t("source"), "src", fold=True), Column(ctx.t("quote"), "quote", fold=True)]
    return chapter(ctx, "appendix-b", ctx.t("sources"), [{"kind": "table", "table": Table(columns, rows,
                                                                                            more=ctx.t("more"))}])


def _where(r) -> str:
    file = str(r.source_file).rsplit("/", 1)[-1]
    cell = getattr(r, "source_cell", None)
    if isinstance(cell, str) and cell:
        return f"{file}!{cell}"
    return _source_ref(file, r.source_line)


def _compact_sources(ctx: ReportContext, ind: pd.DataFrame) -> Table:
    """Many counties: one row per county and indicator, every value with its file and line (or cell)."""
    rows = []
    kinds = {"target": ctx.t("target_kind")}
    for (entity, ind_id), g in ind.groupby(["entity", "indicator_id"], sort=False):
        refs = [" ".join(x for x in (str(r.year), kinds.get(r.kind, ""), value_text(ctx, r.value, r.comparator),
                                     "←", _where(r)) if x) for r in g.itertuples()]
        rows.append([ctx.entity_name(entity), ctx.indicator_name(ind_id), ctx.t("item_sep").join(refs)])
    columns = [Column(ctx.t("county"), "nowrap"), Column(ctx.t("indicator"), "name"), Column(ctx.t("source"), "src")]
    return Table(columns, rows)


def method_section(ctx: ReportContext) -> Html:
    entries = [x.format(**ctx.years) for x in ctx.w.list("method")]
    return chapter(ctx, "appendix-c", ctx.t("method"), [{"kind": "list", "css": "method", "entries": entries}])


