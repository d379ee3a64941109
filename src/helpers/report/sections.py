"""The yearly report's content, as escaped HTML.

Everything here is built from the processed data and the catalogue; every piece of text that
comes from a document, a workbook or the catalogue goes through `esc`, so that a `<script>` in
an indicator name is shown as text and never runs.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analyse import (
    AnalysisInputs,
    comparison_table,
    figures,
    load_inputs,
    progress_table,
)
from helpers.analyse.growth import (
    CATEGORIES,
    CATEGORY_COLOURS,
    RATE_CAGR,
    category_label,
)
from helpers.formatting import number as fmt_num
from helpers.formatting import percent as fmt_pct
from helpers.processed import read_processed
from helpers.report.summary import executive_summary
from helpers.wording import words

LANGS = ("zh", "en")
# Above this many counties the report switches to rankings, matrices and bounded figures, so that a
# whole province (90 counties) stays readable; the full rows are in the results workbook.
AUDIENCES = ("leadership", "analyst")



def esc(value) -> str:
    """Text for HTML: escaped, with missing values as an em dash."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "—"
    return html.escape(str(value), quote=True)


@dataclass
class ReportContext:
    inputs: AnalysisInputs
    lang: str
    audience: str
    progress: pd.DataFrame
    comparison: pd.DataFrame
    checks: pd.DataFrame
    cleaning_log: pd.DataFrame

    def t(self, key: str) -> str:
        return words(self.lang)(f"report.{key}")

    @property
    def many(self) -> bool:
        return len(self.inputs.entities) > figures.MANY_COUNTIES  # one threshold for tables and charts

    def entity_name(self, entity: str) -> str:
        zh, en = self.inputs.sources.entity_names()[entity]
        return zh if self.lang == "zh" else en

    def indicator_name(self, ind_id: str) -> str:
        ind = self.inputs.catalogue.indicators[ind_id]
        return ind.name_zh if self.lang == "zh" else ind.name_en

    def category_label(self, category: str) -> str:
        return category_label(category, self.lang)


def build_context(inputs: AnalysisInputs, lang: str, audience: str, checks: pd.DataFrame,
                  cleaning_log: pd.DataFrame) -> ReportContext:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    keep = inputs.entities + [inputs.province]
    return ReportContext(inputs, lang, audience, progress_table(inputs), comparison_table(inputs),
                         checks[checks["entity"].isin(keep)], cleaning_log[cleaning_log["entity"].isin(keep)])


# ----------------------------------------------------------------------------- building blocks

def html_table(header: list[str], rows: list[list[tuple[str, str]]], caption: str = "", css_class: str = "") -> str:
    """A table wrapped for horizontal scrolling on phones. Cells are (already-escaped html, css class)."""
    head = "".join(f"<th>{h}</th>" for h in header)
    table_class = f' class="{css_class}"' if css_class else ""
    body = "".join("<tr>" + "".join(f'<td class="{cls}">{cell}</td>' if cls else f"<td>{cell}</td>"
                                    for cell, cls in row) + "</tr>" for row in rows)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f'<div class="table-wrap"><table{table_class}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def section(title: str, body: str) -> str:
    return f'<div class="report"><h2>{esc(title)}</h2>{body}</div>'


def light_cell(ctx: ReportContext, category: str) -> tuple[str, str]:
    colour = CATEGORY_COLOURS[category]
    text_colour = "#fff" if category in ("target_met", "moving_away") else "#222"
    return (f'<span style="display:block;background:{colour};color:{text_colour};padding:2px 6px;border-radius:3px">'
            f"{esc(ctx.category_label(category))}</span>", "light")


# ----------------------------------------------------------------------------- sections

def title_block(ctx: ReportContext) -> str:
    inputs = ctx.inputs
    entities = "、".join(ctx.entity_name(e) for e in inputs.entities) if ctx.lang == "zh" else \
        ", ".join(ctx.entity_name(e) for e in inputs.entities)
    files = "、".join(sorted({p.file for p in inputs.sources.plans if p.entity in inputs.entities}))
    prov_rows = inputs.indicators[inputs.indicators["entity"] == inputs.province]
    prov_files = "、".join(sorted(set(prov_rows["source_file"]))) or "—"
    if ctx.many:
        n = len(inputs.entities)
        entities = f"{n}个县市" if ctx.lang == "zh" else f"{n} counties"
        files = f"{n}份规划文本，见附录B" if ctx.lang == "zh" else f"{n} plan documents, listed in Appendix B"
        prov_files = "、".join(sorted(set(prov_rows["source_file"]))[:2]) + ("等" if prov_rows["source_file"].nunique() > 2 else "")
    return (f'<div class="report"><div class="title-block"><h1>{esc(ctx.t("title"))}</h1>'
            f'<div><strong>{esc(ctx.t("subtitle").format(year=inputs.report_year, entities=entities))}</strong></div>'
            f'<div class="meta">{esc(ctx.t("meta").format(files=files, province_source=prov_files))}</div>'
            f"</div></div>")


def summary_section(ctx: ReportContext) -> str:
    items = "".join(f"<li>{esc(s)}</li>" for s in executive_summary(ctx))
    return section(ctx.t("summary"), f'<ol class="summary">{items}</ol>')


def province_section(ctx: ReportContext) -> str:
    if ctx.many:
        return _province_summary(ctx)
    c = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
    rows = []
    for r in c.itertuples():
        total = r.basis == "share of province"
        rows.append([
            (esc(ctx.entity_name(r.entity)), "nowrap"), (_indicator_html(ctx, r.indicator_id, r.comparability), ""),
            (esc(r.unit), "nowrap"), (fmt_num(r.latest_value), "num"),
            (esc(_cmp(r.target_comparator)) + fmt_num(r.target_value), "num"), (fmt_num(r.other_value), "num"),
            (fmt_pct(r.target_share_of_province) if total else fmt_pct(r.target_ratio), "num"),
            ("—" if total else _yes_no(ctx, getattr(r, "target_meets_province", None)), ""),
        ])
    header = [ctx.t("county"), ctx.t("indicator"), ctx.t("unit"), ctx.t("latest"), ctx.t("target"),
              ctx.t("prov_target"), f'{ctx.t("share")} / {ctx.t("ratio")}', ctx.t("meets")]
    note = ("总量指标（万人）与全省总量比较差距没有意义，给出目标占全省的比重；其他指标给出与省目标的比值。"
            if ctx.lang == "zh" else "Totals (万人) are shown as the target's share of the province; other "
            "indicators as the ratio of the county's target to the province's.")
    return section(ctx.t("province"), html_table(header, rows) + f'<p class="note">{esc(note)}</p>')


def _province_summary(ctx: ReportContext) -> str:
    """Many counties: one row per indicator, how the counties' targets stand against the province's."""
    c = ctx.comparison[ctx.comparison["comparison"] == "county_vs_province"]
    zh = ctx.lang == "zh"
    rows = []
    for ind_id, g in c.groupby("indicator_id", sort=False):
        first = g.iloc[0]
        total = first["basis"] == "share of province"
        with_target = g.dropna(subset=["target_value"])
        if total:
            shares = with_target["target_share_of_province"]
            verdict = (f"目标合计占全省{shares.sum():.1%}" if zh else f"targets add up to {shares.sum():.1%} of the province")
        else:
            meets = with_target["target_meets_province"].astype("boolean")
            verdict = (f"{int(meets.sum())}/{len(meets)}个县市目标不低于省目标" if zh else
                       f"{int(meets.sum())} of {len(meets)} counties' targets meet the province's")
        lo = with_target.loc[with_target["target_value"].idxmin()] if len(with_target) else None
        hi = with_target.loc[with_target["target_value"].idxmax()] if len(with_target) else None
        rows.append([(_indicator_html(ctx, ind_id, first["comparability"]), ""), (esc(first["unit"]), "nowrap"),
                     (fmt_num(first["other_value"]), "num"), (fmt_num(with_target["target_value"].median()), "num"),
                     ("—" if lo is None else esc(ctx.entity_name(lo["entity"])) + " " + fmt_num(lo["target_value"]), ""),
                     ("—" if hi is None else esc(ctx.entity_name(hi["entity"])) + " " + fmt_num(hi["target_value"]), ""),
                     (esc(verdict), "")])
    header = [ctx.t("indicator"), ctx.t("unit"), ctx.t("prov_target"), "县市目标中位数" if zh else "median target",
              "最低" if zh else "lowest", "最高" if zh else "highest", "对照" if zh else "against the province"]
    note = ("县市较多，按指标汇总；每个县市的逐项比较见结果工作簿（talent-plan-results）。" if zh else
            "With many counties the comparison is summarised per indicator; each county's rows are in the results workbook.")
    return section(ctx.t("province"), html_table(header, rows) + f'<p class="note">{esc(note)}</p>')


def _ranking_summary(ctx: ReportContext) -> str:
    """Many counties: per indicator, the top and bottom three against the peer median (caveats shown)."""
    c = ctx.comparison[(ctx.comparison["comparison"] == "county_vs_peers") & (ctx.comparison["basis"] != "not compared")]
    zh = ctx.lang == "zh"
    rows = []
    for ind_id, g in c.groupby("indicator_id", sort=False):
        g = g.sort_values("rank_latest")
        fmt = lambda part: "；".join(f"{esc(ctx.entity_name(r.entity))} {fmt_num(r.latest_value)}" for r in part.itertuples())  # noqa: E731
        rows.append([(_indicator_html(ctx, ind_id, g.iloc[0]["comparability"]), ""), (esc(g.iloc[0]["unit"]), "nowrap"),
                     (fmt_num(g["latest_value"].median()), "num"), (fmt(g.head(3)), ""), (fmt(g.tail(3)), ""),
                     (esc(g.iloc[0]["comparability_reason"]) if g.iloc[0]["comparability"] == "caveat" else "", "")])
    header = [ctx.t("indicator"), ctx.t("unit"), "最新值中位数" if zh else "median latest",
              "前三名" if zh else "top three", "后三名" if zh else "bottom three", ctx.t("reason")]
    body = html_table(header, rows)
    nc = ctx.comparison[ctx.comparison["comparability"] == "not_comparable"]
    if len(nc):
        nc_rows = [[(esc(ctx.indicator_name(r.indicator_id)), ""), (esc(ctx.indicator_name(r.other_indicator_id)), ""),
                    (esc(r.comparability_reason), "")]
                   for r in nc.drop_duplicates(["indicator_id", "other_indicator_id"]).itertuples()]
        body += f"<h3>{esc(ctx.t('not_comparable'))}</h3>" + html_table(
            [ctx.t("indicator"), ctx.t("other"), ctx.t("reason")], nc_rows)
    return section(ctx.t("counties"), body)


def counties_section(ctx: ReportContext) -> str:
    if ctx.many:
        return _ranking_summary(ctx)
    c = ctx.comparison[ctx.comparison["comparison"] == "county_vs_county"]
    comparable = c[c["comparability"] != "not_comparable"]
    rows = [[(_indicator_html(ctx, r.indicator_id, r.comparability), ""), (esc(r.unit), "nowrap"),
             (esc(ctx.entity_name(r.entity)), "nowrap"), (fmt_num(r.latest_value), "num"),
             (esc(ctx.entity_name(r.other)), "nowrap"), (fmt_num(r.other_value), "num"),
             (esc(r.comparability_reason) if r.comparability == "caveat" else "", "")]
            for r in comparable.itertuples()]
    header = [ctx.t("indicator"), ctx.t("unit"), ctx.t("county"), ctx.t("latest"), ctx.t("other"),
              ctx.t("other_value"), ctx.t("reason")]
    body = html_table(header, rows)
    nc = c[c["comparability"] == "not_comparable"]
    if len(nc):
        nc_rows = [[(esc(ctx.entity_name(r.entity)) + "·" + esc(ctx.indicator_name(r.indicator_id)), ""),
                    (esc(ctx.entity_name(r.other)) + "·" + esc(ctx.indicator_name(r.other_indicator_id)), ""),
                    (esc(r.comparability_reason), "")] for r in nc.itertuples()]
        body += f"<h3>{esc(ctx.t('not_comparable'))}</h3>" + html_table(
            [ctx.t("indicator"), ctx.t("other"), ctx.t("reason")], nc_rows)
    return section(ctx.t("counties"), body)


def _traffic_light_matrix(ctx: ReportContext) -> str:
    """Many counties: counties by indicators, each cell a coloured progress category."""
    p = ctx.progress
    indicators = list(dict.fromkeys(p["indicator_id"]))
    header = [ctx.t("county")] + [esc(ctx.indicator_name(i)) for i in indicators]
    short = words(ctx.lang).table("categories_short")
    rows = []
    for entity, g in p.groupby("entity", sort=False):
        cats = dict(zip(g["indicator_id"], g["progress_category"]))
        cells = [(esc(ctx.entity_name(entity)), "nowrap")]
        for ind_id in indicators:
            cat = cats.get(ind_id)
            if cat is None:
                cells.append(("", ""))
                continue
            fg = "#fff" if cat in ("target_met", "moving_away") else "#222"
            cells.append((f'<span style="display:block;background:{CATEGORY_COLOURS[cat]};color:{fg};'
                          f'text-align:center;border-radius:2px">{esc(short[cat])}</span>', "light"))
        rows.append(cells)
    legend = "".join(f'<span style="background:{CATEGORY_COLOURS[c]};color:{"#fff" if c in ("target_met", "moving_away") else "#222"}">'
                     f"{esc(short[c])} = {esc(ctx.category_label(c))}</span>" for c in CATEGORIES)
    return section(ctx.t("progress"), f'<div class="legend">{legend}</div>' + html_table(header, rows, css_class="matrix"))


def traffic_light_section(ctx: ReportContext) -> str:
    if ctx.many:
        return _traffic_light_matrix(ctx)
    p = ctx.progress
    rows = []
    for r in p.itertuples():
        cagr = r.growth_method == RATE_CAGR
        per_year = "/年" if ctx.lang == "zh" else "/yr"
        rate = fmt_pct if cagr else (lambda v: "—" if pd.isna(v) else f"{v:+.3g}{per_year}")
        req = ("＞" if r.required_growth_comparator == ">" and pd.notna(r.required_growth) else "") + rate(r.required_growth)
        rows.append([(esc(ctx.entity_name(r.entity)), "nowrap"), (_indicator_html(ctx, r.indicator_id, r.comparability), ""),
                     (fmt_num(r.latest_value), "num"),
                     (esc(_cmp(r.target_comparator)) + fmt_num(r.target_value), "num"),
                     (rate(r.historical_growth), "num"), (req, "num"), light_cell(ctx, r.progress_category),
                     (esc(r.progress_reason_zh if ctx.lang == "zh" else r.progress_reason), "note")])
    header = [ctx.t("county"), ctx.t("indicator"), ctx.t("latest"), ctx.t("target"), ctx.t("hist"), ctx.t("req"),
              ctx.t("progress_col"), ctx.t("reason")]
    legend = "".join(f'<span style="background:{CATEGORY_COLOURS[c]};color:{"#fff" if c in ("target_met", "moving_away") else "#222"}">'
                     f"{esc(ctx.category_label(c))}</span>" for c in CATEGORIES)
    return section(ctx.t("progress"), f'<div class="legend">{legend}</div>' + html_table(header, rows))


def appendix_section(ctx: ReportContext) -> str:
    steps = ["unit_fixed", "implausible", "unit_from_catalogue", "baseline_from_prose", "value_from_prose",
             "broken_bracket", "missing", "unit_shorthand", "comparator", "percent_in_cell"]
    if ctx.many:
        steps = ["unit_fixed", "implausible", "value_from_prose"]
    log = ctx.cleaning_log[ctx.cleaning_log["step"].isin(steps)]
    rows = [[(esc(ctx.entity_name(r.entity)), "nowrap"), (esc(ctx.indicator_name(r.indicator_id)), ""),
             (esc(f"{r.source_file}:{r.source_line}"), ""), (esc(r.decision), ""), (esc(r.evidence), "")]
            for r in log.itertuples()]
    body = f"<h3>{esc(ctx.t('cleaning'))}</h3>"
    if ctx.many:
        counts = ctx.cleaning_log["step"].value_counts()
        body += html_table(["step", "次数" if ctx.lang == "zh" else "count"],
                           [[(esc(step), ""), (str(int(n)), "num")] for step, n in counts.items()])
    body += html_table([ctx.t("county"), ctx.t("indicator"), ctx.t("source"), ctx.t("decision"), ctx.t("evidence")], rows)
    dis = ctx.checks[ctx.checks["status"] == "disagree"]
    rows = [[(esc(ctx.entity_name(r.entity)), ""), (esc(ctx.indicator_name(r.indicator_id)), ""),
             (esc(r.explanation_zh if ctx.lang == "zh" else r.explanation_en), ""),
             (esc(r.table_quote) + f"<br><span class='note'>{esc(r.table_file)}:{esc(r.table_line)}</span>", ""),
             (esc(r.prose_quote) + f"<br><span class='note'>{esc(r.prose_file)}:{esc(r.prose_line)}</span>", "")]
            for r in dis.itertuples()]
    body += f"<h3>{esc(ctx.t('disagreements'))}</h3>" + html_table(
        [ctx.t("county"), ctx.t("indicator"), ctx.t("explanation"), "表格 table" if ctx.lang == "zh" else "Table",
         "正文 prose" if ctx.lang == "zh" else "Prose"], rows)
    cat = ctx.inputs.catalogue
    rows = [[(esc(ctx.indicator_name(i.id)), ""), (esc(ctx.t("caveat")), ""), (esc(i.comparability_reason), "")]
            for i in cat.indicators.values() if i.comparability == "caveat"]
    rows += [[(esc(" ↔ ".join(ctx.indicator_name(x) for x in rel.indicators)), ""),
              (esc(ctx.t("not_comparable_status") if rel.status == "not_comparable" else ctx.t(rel.status)), ""),
              (esc(rel.reason), "")] for rel in cat.relations]
    body += f"<h3>{esc(ctx.t('caveats'))}</h3>" + html_table([ctx.t("indicator"), ctx.t("comparability"),
                                                              ctx.t("reason")], rows)
    return section(ctx.t("appendix"), body)


def sources_section(ctx: ReportContext) -> str:
    ind = ctx.inputs.indicators
    ind = ind[ind["entity"].isin(ctx.inputs.entities + [ctx.inputs.province])]
    if ctx.many:
        return _compact_sources(ctx, ind)
    kinds = {"actual": ctx.t("actual"), "target": ctx.t("target_kind"), "baseline_derived": ctx.t("baseline_derived")}
    rows = [[(esc(ctx.entity_name(r.entity)), "nowrap"), (esc(ctx.indicator_name(r.indicator_id)), ""),
             (esc(r.year), "num"), (esc(kinds.get(r.kind, r.kind)), ""),
             (esc(_cmp(r.comparator)) + fmt_num(r.value) + " " + esc(r.unit), "num"),
             (esc(f"{r.source_file}:{r.source_line}"), ""), (esc(r.source_text), "")]
            for r in ind.itertuples()]
    header = [ctx.t("county"), ctx.t("indicator"), ctx.t("year"), ctx.t("kind"), ctx.t("value"), ctx.t("source"),
              ctx.t("quote")]
    return section(ctx.t("sources"), html_table(header, rows))


def _compact_sources(ctx: ReportContext, ind: pd.DataFrame) -> str:
    """Many counties: one row per county and indicator, every value with its file and line (or cell)."""
    rows = []
    for (entity, ind_id), g in ind.groupby(["entity", "indicator_id"], sort=False):
        refs = []
        for r in g.itertuples():
            where = (f"{r.source_file.rsplit('/', 1)[-1]}!{r.source_cell}" if isinstance(r.source_cell, str)
                     and r.source_cell else f"{r.source_file.rsplit('/', 1)[-1]}:{r.source_line}")
            refs.append(f"{r.year}{'目标' if r.kind == 'target' and ctx.lang == 'zh' else (' target' if r.kind == 'target' else '')} "
                        f"{_cmp(r.comparator)}{fmt_num(r.value)} ← {where}")
        rows.append([(esc(ctx.entity_name(entity)), "nowrap"), (esc(ctx.indicator_name(ind_id)), ""),
                     (esc("；".join(refs)), "")])
    return section(ctx.t("sources"), html_table([ctx.t("county"), ctx.t("indicator"), ctx.t("source")], rows))




def method_section(ctx: ReportContext) -> str:
    return section(ctx.t("method"), "<ol>" + "".join(f"<li>{esc(x)}</li>" for x in words(ctx.lang).list("method")) + "</ol>")


def _indicator_html(ctx: ReportContext, ind_id: str, comparability: str) -> str:
    name = esc(ctx.indicator_name(ind_id))
    if comparability == "caveat":
        return f'{name} <span class="caveat">（{esc(ctx.t("caveat"))}）</span>'
    return name


def _cmp(comparator) -> str:
    return "" if comparator in (None, "=", "") or pd.isna(comparator) else str(comparator)


def _yes_no(ctx: ReportContext, value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return esc(ctx.t("yes") if value else ctx.t("no"))


def load_report_context(processed_dir=None, config_dir=None, report_year=None, entities=None,
                        lang: str = "zh", audience: str = "leadership") -> ReportContext:
    """Everything the report needs, from data/processed/ and the config (papermill passes '' for unset)."""
    processed_dir = Path(processed_dir or paths.PROCESSED_DIR)
    inputs = load_inputs(processed_dir, Path(config_dir or paths.CONFIG_DIR), report_year or None, entities or None)
    checks = read_processed(processed_dir, paths.CHECKS_CSV)
    cleaning_log = read_processed(processed_dir, paths.CLEANING_LOG_CSV)
    return build_context(inputs, lang, audience, checks, cleaning_log)


# ----------------------------------------------------------------------------- figures, chosen by size

def comparison_figure(ctx: ReportContext):
    return figures.comparison_chart(ctx.progress, ctx.comparison, lang=ctx.lang)


def progress_figure(ctx: ReportContext):
    """The heat table figure for a few counties; with many, the coloured matrix above says it all."""
    return None if ctx.many else figures.progress_heat_table(ctx.progress, lang=ctx.lang)


def growth_figure(ctx: ReportContext):
    return figures.growth_bars(ctx.progress, lang=ctx.lang, limit=12)


def trend_figure(ctx: ReportContext):
    return figures.trend_panels(ctx.inputs, ctx.progress, lang=ctx.lang, limit=8)
