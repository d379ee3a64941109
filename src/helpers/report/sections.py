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
    CATEGORY_LABELS,
    RATE_CAGR,
)
from helpers.formatting import number as fmt_num
from helpers.formatting import percent as fmt_pct
from helpers.processed import read_processed
from helpers.report.summary import executive_summary

LANGS = ("zh", "en")
# Above this many counties the report switches to rankings, matrices and bounded figures, so that a
# whole province (90 counties) stays readable; the full rows are in the results workbook.
CATEGORY_SHORT = {
    "zh": {"target_met": "达标", "on_track": "正常", "needs_acceleration": "加速", "limited_progress": "有限",
           "moving_away": "背离", "not_assessable": "—"},
    "en": {"target_met": "met", "on_track": "on", "needs_acceleration": "acc.", "limited_progress": "ltd.",
           "moving_away": "away", "not_assessable": "—"},
}
AUDIENCES = ("leadership", "analyst")

TEXT = {
    "zh": {
        "title": "人才发展“十四五”规划监测报告", "subtitle": "{year}年度 · {entities}",
        "meta": "数据来源：各县市人才发展“十四五”规划原文（{files}）；省委目标取自{province_source}。",
        "summary": "摘要", "province": "与省委目标比较", "counties": "县市之间比较",
        "not_comparable": "不可比较的指标（只列出，不比较）", "progress": "增长与目标进度",
        "appendix": "附录A　数据质量", "cleaning": "清洗决定", "disagreements": "规划正文与主要指标表不一致之处",
        "caveats": "口径提示", "sources": "附录B　数据来源", "method": "附录C　方法说明",
        "county": "县市", "indicator": "指标", "unit": "单位", "latest": "最新实际", "target": "2025目标",
        "prov_target": "省目标", "share": "占全省", "ratio": "与省比值", "meets": "目标不低于省目标",
        "comparability": "可比性", "reason": "说明", "yes": "是", "no": "否", "hist": "已实现年均增速",
        "req": "所需年均增速", "progress_col": "进度", "year": "年份", "kind": "类型", "value": "数值",
        "source": "来源（文件:行）", "quote": "原文", "decision": "清洗决定", "evidence": "依据",
        "type": "类型", "explanation": "说明", "other": "对比县市", "other_value": "对方最新",
        "caveat": "需谨慎比较", "not_comparable_status": "不可比较", "same": "可比",
        "actual": "实际", "target_kind": "目标", "baseline_derived": "推算基数",
    },
    "en": {
        "title": "Talent Development Plan (2021–2025) Monitoring Report", "subtitle": "{year} · {entities}",
        "meta": "Sources: the counties' talent-development plans ({files}); provincial targets from {province_source}.",
        "summary": "Summary", "province": "Against the provincial targets", "counties": "County against county",
        "not_comparable": "Not comparable (listed, not compared)", "progress": "Growth and progress",
        "appendix": "Appendix A. Data quality", "cleaning": "Cleaning decisions",
        "disagreements": "Where a plan's prose and its table disagree", "caveats": "Comparability caveats",
        "sources": "Appendix B. Sources", "method": "Appendix C. Method",
        "county": "County", "indicator": "Indicator", "unit": "Unit", "latest": "Latest actual",
        "target": "2025 target", "prov_target": "Provincial target", "share": "Share of province",
        "ratio": "Ratio to province", "meets": "Target meets province", "comparability": "Comparability",
        "reason": "Note", "yes": "yes", "no": "no", "hist": "Growth achieved", "req": "Growth required",
        "progress_col": "Progress", "year": "Year", "kind": "Kind", "value": "Value", "source": "Source (file:line)",
        "quote": "Quoted text", "decision": "Decision", "evidence": "Evidence", "type": "Type",
        "explanation": "Explanation", "other": "Compared with", "other_value": "Their latest",
        "caveat": "caveat", "not_comparable_status": "not comparable", "same": "comparable",
        "actual": "actual", "target_kind": "target", "baseline_derived": "derived baseline",
    },
}


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
        return TEXT[self.lang][key]

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
        return CATEGORY_LABELS[category][0 if self.lang == "zh" else 1]


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
    short = CATEGORY_SHORT[ctx.lang]
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


METHOD = {
    "zh": [
        "已实现年均增速：基期（如2015年，来自规划正文）到最新实际值的复合年均增长率。所需年均增速：从最新实际值到2025年目标所需的复合年均增长率；目标为“>”时须超过该增速。",
        "进度判断采用欧盟统计局（Eurostat）/ Open SDG 方法：R = 已实现增速 ÷ 所需增速，并考虑指标方向。R ≥ 0.95 为进度正常，0.6–0.95 需要加速，0–0.6 进展有限，R < 0 背离目标；最新值已满足目标为已达目标；缺少基期、目标或实际值时无法评估，并注明原因。",
        "数值为0时增长率没有定义，改用每年绝对变化量计算，并在表中注明。",
        "趋势：对实际观测值拟合 log(值) ~ 年份（比例类指标用 logit，使预测不越过 0–100%）。三个以上观测值时给出95%预测区间：在模型假设下，2025年的值有95%的把握落在区间内；并给出达标概率。只有两个观测值时只能画出两点连线，无法估计区间，报告不显示区间。",
        "“需谨慎比较”的指标两地口径不同（如每万名劳动力与每万名就业人员），比较仅供参考；“不可比较”的指标只列出原因，不作比较。",
    ],
    "en": [
        "Growth achieved: the compound annual growth rate from the baseline (e.g. 2015, from the plan's prose) to the latest actual. Growth required: the compound annual rate needed from the latest actual to the 2025 target; for a '>' target it must be exceeded.",
        "Progress follows the Eurostat / Open SDG method: R = achieved ÷ required, taking the indicator's direction into account. R ≥ 0.95 on track; 0.6–0.95 needs acceleration; 0–0.6 limited progress; R < 0 moving away; a latest value that already satisfies the target is 'target already met'; without a baseline, target or actual the indicator is 'not assessable', with the reason.",
        "A growth rate from or to 0 is undefined; such series use the absolute change per year instead, and say so.",
        "Trends: OLS of log(value) on year (logit for percentages, which cannot pass 0–100%). With three or more observations a 95% prediction interval is given: under the model's assumptions the 2025 value falls inside it with 95% probability; the probability of meeting the target is also given. With two observations only the line through them can be drawn: no interval can be estimated and none is shown.",
        "'Caveat' indicators are measured differently by the two counties (e.g. per 10,000 labour force against per 10,000 employed): compare with care. 'Not comparable' pairs are listed with the reason and not compared.",
    ],
}


def method_section(ctx: ReportContext) -> str:
    return section(ctx.t("method"), "<ol>" + "".join(f"<li>{esc(x)}</li>" for x in METHOD[ctx.lang]) + "</ol>")


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
