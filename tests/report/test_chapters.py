"""Each chapter of the report, read from the data it prepares (its tables and sentences, `Html.blocks`), without
Chromium. 桐庐 (tonglu, written by tests/support/tonglu.py: its docstring has the plan and the actuals) at the
final evaluation (2025) and in the period (2023); 建德 and 安吉 from their plans at their base year (2020). Every
expected value is worked by hand from those figures; the arithmetic is in the comments."""
import re

import pandas as pd
import pytest

from helpers.report import chapters
from helpers.report.blocks import Cell, Table
from helpers.report.context import load_report_context
from support.tonglu import project_with_county, report_context

RD = "每万名劳动力（就业人员）中R&D人员数"
RD_CAVEAT = RD + "（需谨慎比较）"          # the catalogue marks it comparable with a caveat
SHARE = "高技能人才占技能劳动者比例"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return project_with_county(tmp_path_factory.mktemp("chapters"))


@pytest.fixture(scope="module")
def final(county):
    return report_context(county, 2025)


@pytest.fixture(scope="module")
def mid(county):
    return report_context(county, 2023)


@pytest.fixture(scope="module")
def base(county):
    return report_context(county, 2020, entities="jiande,anji")


def text(cell) -> str:
    value = cell.text if isinstance(cell, Cell) else cell
    return "—" if value is None else str(value)


def tables(html) -> list[Table]:
    out = []
    for block in html.blocks:
        out += [block["table"]] if block["kind"] == "table" else block.get("tables", [])
    return out


def rows_by(table: Table, *key_columns: int) -> dict:
    """The table's rows as {key: {column label: cell text}}, the key made of the given columns' text."""
    labels = [c.label for c in table.columns]
    out = {}
    for row in table.rows:
        key = tuple(text(row[i]) for i in key_columns)
        out[key[0] if len(key) == 1 else key] = dict(zip(labels, map(text, row)))
    return out


# ----------------------------------------------------------------------------- title

def test_title_names_the_plan_and_where_the_year_stands(final, mid):
    assert chapters.title.plan_line(final) == "评估规划：“十四五”规划（2021—2025年）· 终期评估"
    assert chapters.title.plan_line(mid) == "评估规划：“十四五”规划（2021—2025年）· 规划期内"


# ----------------------------------------------------------------------------- summary and scorecard

def test_summary_leads_with_met_and_missed_at_the_final_evaluation(final):
    sentences = chapters.summary.executive_summary(final)
    assert chapters.summary.MIN_SENTENCES <= len(sentences) <= chapters.summary.MAX_SENTENCES
    # met: 人才资源总量 15 = 15, 占比 35 ≥ 35, 党政人才 0.3 held, 流失率 5.9 ≤ 6; missed: R&D 120 not > 120,
    # 高技能人才 2.7 < 3 (the workbook's 2025 figure; the 十五五 table's 2.75 is the other source)
    assert sentences[0] == ("桐庐县“十四五”规划（2021—2025年）终期评估：6项目标中4项达标、2项未达标"
                            f"（未达标：高技能人才、{RD}）。")


def test_scorecard_one_judgement_per_indicator(final, mid):
    card = chapters.scorecard.summary_section(final)
    assert all(t.css == "scorecard" for t in tables(card))          # in two halves, side by side on paper
    assert [c.label for c in tables(card)[0].columns] == ["指标", "桐庐县"]
    lights = {text(r[0]): r[1].light for t in tables(card) for r in t.rows}
    assert lights == {"人才资源总量": "target_met", SHARE: "target_met", RD: "target_missed",
                      "党政人才": "target_met", "人才流失率": "target_met", "高技能人才": "target_missed"}
    in_period = {text(r[0]): r[1].light for t in tables(chapters.scorecard.summary_section(mid)) for r in t.rows}
    # 2023 is 60% of 2020→2025: 人才资源总量 50% (behind), 占比 70% (ahead), R&D 60% (on schedule)
    assert (in_period["人才资源总量"], in_period[SHARE], in_period[RD]) == ("behind", "ahead", "on_schedule")


# ----------------------------------------------------------------------------- the plan: final evaluation, 序时进度

def test_final_evaluation_table(final):
    section = chapters.plan.plan_section(final)
    entries = next(b["entries"] for b in section.blocks if b["kind"] == "list")
    assert entries == ["桐庐县：6项目标中4项达标。"]
    rows = rows_by(tables(section)[0], 1)
    assert len(rows) == 6
    rd = rows[RD_CAVEAT]
    # 120 against >120: must be exceeded, so not met; 完成率 120 ÷ 120 = 100%; the gap 120 − 120 = 0
    assert (rd["是否达标"], rd["目标"], rd["目标年份实际"], rd["完成率"], rd["差距"]) == (
        "未达标", ">120", "2025: 120", "100.0%", "0人年/万人")
    skilled = rows["高技能人才"]
    # the workbook's 2.7 against 3: 完成率 2.7 ÷ 3 = 90.0%, gap −0.3万人
    assert (skilled["是否达标"], skilled["完成率"], skilled["差距"]) == ("未达标", "90.0%", "-0.3万人")
    # lower is better: 5.9 against 6 is met; 完成率 6 ÷ 5.9 = 101.7%
    outflow = rows["人才流失率"]
    assert (outflow["是否达标"], outflow["目标"], outflow["完成率"]) == ("达标", "6", "101.7%")
    assert rows[SHARE]["目标"] == "≥35"


def test_schedule_table_in_the_period(mid):
    rows = rows_by(tables(chapters.plan.plan_section(mid))[0], 1)
    total = rows["人才资源总量"]
    # (12.502 − 10) ÷ (15 − 10) = 50.0% against (2023 − 2020) ÷ 5 = 60.0%
    assert [total[k] for k in ("判断", "完成进度", "序时进度", "基期", "最新实际", "目标")] == [
        "慢于序时进度", "50.0%", "60.0%", "2020: 10", "2023: 12.5", "15"]
    assert total["SDG比值"] == "0.91"       # Open SDG: 7.727% achieved ÷ 8.447% required a year
    assert rows["党政人才"]["判断"] == "未保持"                   # 0.29 in 2023 against 0.3 to hold


def test_no_plan_chapter_at_a_base_year(base):
    assert chapters.plan.plan_section(base) == ""


# ----------------------------------------------------------------------------- progress

def test_progress_table_growth_achieved_and_required(mid):
    rows = rows_by(chapters.progress.progress_table_view(mid, mid.progress), 1)
    total = rows["人才资源总量"]
    # achieved 2020→2023: (12.502 ÷ 10)^(1/3) − 1 = 7.7%; required 2023→2025: (15 ÷ 12.502)^(1/2) − 1 = 9.5%;
    # the verdict in the period is 序时进度's, and the note says why it: (12.502 − 10) ÷ (15 − 10) = 50% of the way
    # in 60% of the time (not the growth ratio R = 0.81, which is the progress category's reason)
    assert (total["进度"], total["最新实际"], total["2025年目标"], total["已实现年均增速"], total["所需年均增速"]) == (
        "慢于序时进度", "12.5", "15", "7.7%", "9.5%")
    assert total["说明"] == "截至2023年完成进度50%，序时进度60%"


def test_completion_figure_draws_latest_over_target(final):
    (figure,) = chapters.progress.completion_figures(final)
    xs = {round(float(x), 4) for line in figure.drawn.axes[0].lines for x in line.get_xdata()}
    # 15 ÷ 15 = 1; 35 ÷ 35 = 1; 120 ÷ 120 = 1; lower is better: 6 ÷ 5.9 = 1.0169; 2.7 ÷ 3 = 0.9
    assert {1.0, 1.0169, 0.9} <= xs


# ----------------------------------------------------------------------------- province and counties

def test_province_table(base):
    rows = rows_by(chapters.province.province_table(base), 0, 1)
    total = rows[("建德市", "人才资源总量")]
    # 建德 14万人 of the province's 1,650万人: 0.8%; a share, so no "meets" judgement
    assert (total["2025年目标"], total["省目标"], total["目标达到省目标要求"], total["占全省 / 与省比值"]) == (
        "14", "1,650", "—", "0.8%")
    rd = rows[("建德市", RD_CAVEAT)]
    # 150 against the province's 185: below it, 150 ÷ 185 = 81.1%
    assert (rd["2025年目标"], rd["省目标"], rd["目标达到省目标要求"], rd["占全省 / 与省比值"]) == (
        "150", "185", "否", "81.1%")


def test_province_table_marks_binding_and_cumulative_targets_as_the_other_tables_do(base):
    import dataclasses
    c = base.comparison.copy()
    at = lambda indicator: (c["comparison"] == "county_vs_province") & (c["entity"] == "jiande") & \
        (c["indicator_id"] == indicator)  # noqa: E731
    c.loc[at("rd_personnel_per_10k"), "target_binding"] = True          # comparison.csv's codes, as the plans mark
    c.loc[at("physicians_per_1000"), "other_target_cumulative"] = True
    c.loc[at("physicians_per_1000"), ["target_meets_province", "target_ratio"]] = None   # as comparison.csv leaves it
    marked = dataclasses.replace(base, comparison=c)
    rows = rows_by(chapters.province.province_table(marked), 0, 1)
    assert (rows[("建德市", RD_CAVEAT)]["2025年目标"], rows[("建德市", RD_CAVEAT)]["省目标"]) == ("150★", "185")
    physicians = rows[("建德市", "每千人口执业（助理）医师数（需谨慎比较）")]
    assert (physicians["2025年目标"], physicians["省目标"], physicians["目标达到省目标要求"]) == ("5", "〔4.3〕", "—")
    notes = [b for b in chapters.province.province_section(marked).blocks if b["kind"] == "notes"][0]["entries"]
    assert any(n.startswith("★ 约束性指标") for n in notes) and any(n.startswith("〔〕：") for n in notes)
    assert any("只与累计目标相比" in n for n in notes)
    plain = [b for b in chapters.province.province_section(base).blocks if b["kind"] == "notes"][0]["entries"]
    assert len(plain) == 1                                               # no marks, no notes on them


def test_counties_side_by_side(base):
    table = chapters.counties.peers_table(base)
    assert [c.label for c in table.columns][:3] == ["指标", "建德市", "安吉县"]
    assert rows_by(table, 0)["人才资源总量"]["建德市"] == "10.3"       # both plans' 2020 actuals
    assert rows_by(table, 0)["人才资源总量"]["安吉县"] == "14.5"


# ----------------------------------------------------------------------------- outlook

def test_outlook_projects_to_the_next_target_year(final):
    rows = rows_by(tables(chapters.outlook.outlook_section(final))[0], 1)
    total = rows["人才资源总量（万人）"]
    # the log-linear trend through 10 (2020) and 15 (2025) reaches 10 · 1.5² = 22.5 in 2030; the 十五五 target 26
    assert total["“十五五”目标"] == "26"
    assert total["2030年趋势外推"].startswith("22.5<br>")
    # growth achieved 1.5^(1/5) − 1 = 8.4% a year; the target asks (26 ÷ 15)^(1/5) − 1 = 11.6%
    assert total["年均增速：“十四五”已实现 → “十五五”目标所需"] == "8.4% → 11.6%"
    assert rows["党政人才（万人）"]["“十五五”目标"] == "—"                 # not in the 十五五 plan


# ----------------------------------------------------------------------------- appendices

def test_sources_trace_each_value_to_its_cell(final):
    rows = rows_by(tables(chapters.appendices.sources_section(final))[0], 0, 1, 2, 3)
    # the workbook's first data row is 人才资源总量 2021, its value in column E
    assert rows[("桐庐县", "人才资源总量", "2021", "实际")]["来源"] == "桐庐监测.xlsx工作表数据单元格E2"
    # the 2025 target from the 十四五 plan, the 2025 actual from the workbook (2025 is a year the 十四五 plan judges:
    # its row 6, 人才资源总量 2021-2025 being rows 2-6), not the 十五五 plan's table
    assert re.fullmatch(r"tonglu_14\.txt第\d+行", rows[("桐庐县", "人才资源总量", "2025", "目标")]["来源"])
    assert rows[("桐庐县", "人才资源总量", "2025", "实际")]["来源"] == "桐庐监测.xlsx工作表数据单元格E6"


def test_method_names_the_years_of_the_plan(final):
    entries = chapters.appendices.method_section(final).blocks[0]["entries"]
    assert entries and not any("{" in e for e in entries)


# ----------------------------------------------------------------------------- the chapters' shape

def test_every_chapter_takes_the_typed_context_and_reaches_words_one_way():
    """Each chapter function takes `ctx: ReportContext`; words come through ctx.t (and ctx.w's tables), never
    from helpers.core.wording directly; figures through charts' public functions, never its private ones."""
    import ast
    from pathlib import Path

    folder = Path(chapters.__file__).parent
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) >= 8
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "helpers.core.wording" or [a.name for a in node.names] == ["quote"], path
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "charts":
                assert not node.attr.startswith("_"), f"{path.name}: charts.{node.attr}"
            if isinstance(node, ast.FunctionDef) and node.args.args and node.args.args[0].arg == "ctx":
                annotation = node.args.args[0].annotation
                typed = annotation is not None and ast.unparse(annotation) == "ReportContext"
                assert typed, f"{path.name}: {node.name}"


# ----------------------------------------------------------------------------- the brief's misses: none dropped

def _all_missed(ctx, binding: int, many: bool = False):
    """The context with every target of 建德 and 安吉 judged missed at a final evaluation, 完成率 falling row by row
    (row i: 90% − i·0.1%), the first `binding` of them binding (约束性)."""
    import dataclasses
    p = ctx.progress[ctx.progress["target_value"].notna()].copy().reset_index(drop=True)
    p["plan_phase"], p["verdict"], p["target_met"] = "target_year", "target_missed", False
    p["completion_rate"] = [0.9 - 0.001 * i for i in range(len(p))]
    p["evaluated_year"], p["evaluated_value"] = 2025, p["target_value"] * p["completion_rate"]
    p["target_binding"] = pd.array([i < binding for i in range(len(p))], dtype="boolean")
    kind = type("ManyCounties", (type(ctx),), {"many": True}) if many else type(ctx)
    return kind(**{**{f.name: getattr(ctx, f.name) for f in dataclasses.fields(ctx)}, "progress": p, "figures": {}})


def _misses(ctx) -> tuple[list[tuple[str, str]], list[str], Table]:
    html = chapters.plan.misses_brief(ctx)
    table = tables(html)[0]
    notes = [e for b in html.blocks if b["kind"] == "notes" for e in b["entries"]]
    return [(text(r[0]), text(r[1])) for r in table.rows], notes, table


def _named(ctx, rows: pd.DataFrame) -> list[tuple[str, str]]:
    return [(ctx.entity_name(r.entity), chapters.plan.indicator_with_unit(ctx, r.indicator_id, r.unit, r.comparability))
            for r in rows.itertuples()]


IN_REPORT = "全部见分析报告“终期评估：目标完成情况”一节。"


def test_the_brief_misses_name_each_indicators_unit_beside_its_numbers(base):
    # 建德's plan (Word table, 党政人才 row): target 0.28 in 万人; the table's numbers carry no unit of their own.
    # Every target binding, so that every miss is listed.
    rows, _, table = _misses(_all_missed(base, 36))
    row = next(r for r in table.rows if text(r[0]) == "建德市" and text(r[1]).startswith("党政人才"))
    assert text(row[1]) == "党政人才（万人）" and text(row[2]) == "0.28★"       # ★: binding, as the test set it


def test_the_brief_misses_say_everything_after_a_name_in_one_bracket(base):
    # 社会工作专业人才（每万人持证数） is counted in 人/万人; R&D人员数 in 人年/万人, comparable with a caveat. The
    # table puts the unit (and the caveat) in the name's own bracket: never two brackets in a row.
    rows, _, _ = _misses(_all_missed(base, 36))
    names = {name for _, name in rows}
    assert "社会工作专业人才（每万人持证数，人/万人）" in names
    assert RD + "（人年/万人，需谨慎比较）" in names
    assert not any("）（" in name for name in names), names
    english = load_report_context(base.inputs.processed_dir, base.inputs.config_dir, 2020, "jiande,anji", "en")
    rows, _, _ = _misses(_all_missed(english, 36))
    names = {name for _, name in rows}
    assert "R&D personnel per 10,000 workers (person-years per 10,000; compare with care)" in names
    assert not any(") (" in name for name in names), names


def test_on_a_phone_the_brief_misses_keep_the_target_years_actual_beside_the_target(base):
    # the one number a leader reads the table for is never folded under 展开 (nor the target or 完成率)
    _, _, table = _misses(_all_missed(base, 36))
    kept = [c.label for c in table.columns if not c.fold]
    assert kept == ["县市", "指标", "目标", "2025年实际", "完成率"]


def test_on_a_phone_the_brief_behind_table_keeps_the_schedule_beside_the_progress(mid, county):
    # 2023 is 60% of 2020→2025 (序时进度); 桐庐's 人才资源总量 has come 50% of the way: behind. On a phone the
    # 序时进度 stays beside the 完成进度; the note explains those two, not the SDG ratio the brief does not show
    # (the report, which shows it, still explains it).
    brief = chapters.plan.misses_brief(mid)
    table = tables(brief)[0]
    assert [c.label for c in table.columns if not c.fold] == ["县市", "指标", "完成进度", "序时进度"]
    row = rows_by(table, 0, 1)[("桐庐县", "人才资源总量（万人）")]
    assert (row["完成进度"], row["序时进度"], row["目标"]) == ("50.0%", "60.0%", "15")
    notes = [e for b in brief.blocks if b["kind"] == "notes" for e in b["entries"]]
    assert any(n.startswith("完成进度 =") for n in notes) and not any("SDG" in n for n in notes), notes
    report_notes = [e for b in chapters.plan.plan_section(mid).blocks if b["kind"] == "notes" for e in b["entries"]]
    assert any(n.startswith("完成进度 =") and n.endswith("SDG比值为 Open SDG 方法（基期起的已实现增速 ÷ 所需增速）。")
               for n in report_notes), report_notes


def test_the_brief_lists_every_binding_miss_then_the_worst_and_says_how_many_more_and_where(base):
    every = _all_missed(base, 0)
    p, n = every.progress, len(every.progress)
    assert n > 30
    # no binding target: the 12 widest misses (the lowest 完成率: the last rows), the rest counted in words
    rows, notes, _ = _misses(every)
    assert rows == _named(every, p.iloc[::-1].head(12))
    assert notes == [f"另有{n - 12}项未达标的目标未在此列出，{IN_REPORT}"]
    # 14 binding targets, more than the table's 12 rows: every one is listed, first, with its star; no other fits
    rows, notes, table = _misses(_all_missed(base, 14))
    assert rows == _named(every, p.head(14).iloc[::-1])
    assert all(text(r[2]).endswith("★") for r in table.rows)
    assert notes[0] == "约束性目标列在前面。" and notes[1].startswith("★ 约束性指标")
    assert notes[-1] == f"另有{n - 14}项未达标的目标未在此列出，{IN_REPORT}"
    # three binding: those three first, then the nine widest of the others
    rows, notes, _ = _misses(_all_missed(base, 3))
    assert rows == _named(every, p.head(3).iloc[::-1]) + _named(every, p.iloc[::-1].head(9))
    assert notes[-1] == f"另有{n - 12}项未达标的目标未在此列出，{IN_REPORT}"
    # the report's section lists them all
    assert len(tables(chapters.plan.plan_section(every))[0].rows) == n


def test_with_many_counties_the_left_out_misses_are_in_the_results_workbook(base, monkeypatch):
    n = len(_all_missed(base, 0).progress)
    rows, notes, _ = _misses(_all_missed(base, 20, many=True))
    assert len(rows) == 20                                    # every binding miss, although more than 12
    assert notes[-1] == f"另有{n - 20}项未达标的目标未在此列出，全部见结果工作簿（talent-plan-results）“进度”工作表。"
    # more binding misses than a page holds: the rest are counted, the binding ones among them named as such
    monkeypatch.setattr(chapters.plan, "BRIEF_BINDING_ROWS", 5)
    english = load_report_context(base.inputs.processed_dir, base.inputs.config_dir, 2020, "jiande,anji", "en")
    rows, notes, _ = _misses(_all_missed(english, 8, many=True))
    assert len(rows) == 12
    assert notes[-1] == (f"{n - 12} more missed targets are not listed here (3 of them binding); all are in the "
                         "results workbook (talent-plan-results), sheet \"Progress\".")


def test_the_province_figure_explains_the_lower_is_better_mark_only_when_it_draws_one(base, monkeypatch):
    import dataclasses
    caption = chapters.province.province_figure(dataclasses.replace(base, figures={}))[0].caption
    assert caption == "县市目标与省委目标之比（100% = 与省目标持平）。" and "↓" not in caption
    indicators = base.inputs.catalogue.indicators
    monkeypatch.setitem(indicators, "physicians_per_1000",
                        dataclasses.replace(indicators["physicians_per_1000"], direction="lower"))
    figure = chapters.province.province_figure(dataclasses.replace(base, figures={}))[0]
    assert figure.caption.endswith("↓表示越低越好的指标。") and "↓" in str(figure.svg)


def test_the_scorecard_says_which_indicators_have_no_numeric_target_in_the_plan(base):
    import dataclasses
    p = base.progress.copy()
    p["plan_phase"] = "target_year"
    p["verdict"] = ["target_met" if pd.notna(t) else "not_assessable" for t in p["target_value"]]
    final = dataclasses.replace(base, progress=p, figures={})
    # 安吉's plan writes '/' for both targets: not assessable, and the note says why, naming them
    notes = [e for b in chapters.scorecard.summary_section(final).blocks if b["kind"] == "notes" for e in b["entries"]]
    assert notes[-1] == "规划表中未设数值目标（写作“/”）的指标同样无法评估（安吉县：全社会劳动生产率、直接融资比重）。"
    # in the period too (the 2023 scorecard judges 序时进度; the same two have nothing to be judged against)
    in_period = p.assign(plan_phase="in_period")
    notes = [e for b in chapters.scorecard.summary_section(dataclasses.replace(final, progress=in_period)).blocks
             if b["kind"] == "notes" for e in b["entries"]]
    assert notes[-1] == "规划表中未设数值目标（写作“/”）的指标同样无法评估（安吉县：全社会劳动生产率、直接融资比重）。"
    p["verdict"] = "target_met"
    notes = [e for b in chapters.scorecard.summary_section(dataclasses.replace(final, progress=p)).blocks
             if b["kind"] == "notes" for e in b["entries"]]
    assert not any("未设数值目标" in n for n in notes)


def test_the_english_summary_names_the_missed_targets_as_words_in_a_sentence(county):
    from helpers.report.chapters.summary import executive_summary
    summary = executive_summary(report_context(county, 2025, lang="en"), "brief")
    # 桐庐 missed 高技能人才 (2.7 against 3) and R&D (120 against >120): lower case inside the sentence, the
    # abbreviation kept; its 十五五 total (26) and 高技能人才 4 (on the workbook's 2.7: test_direction_words)
    # ask a clear break with the trend, said as English says it
    assert any("2 missed (highly skilled workers, R&D personnel per 10,000 workers)." in s for s in summary), summary
    assert any("(e.g. Tonglu's total talent pool, Tonglu's highly skilled workers)." in s for s in summary), summary
