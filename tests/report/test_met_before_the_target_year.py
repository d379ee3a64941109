"""A target the latest actual already meets in the period is 已达目标, in the verdict, the brief's sentence and the
report's tables, as the method note (附录C) says (issue 18, redteam9 finding 3's lesser half, redteam10 finding 8).

建德's plan (data/raw/jiande_talent_plan_2021-2025.txt): 人才资源总量 10.3 万人 in 2020, 14 by 2025; 高价值专利授权数
210 in 2020, 400 by 2025; 科创板上市企业数 0 in 2020, 1 by 2025. A 2023 workbook gives 15 万人, 500 件 and 0 家.
By hand, 序时进度 (2023 − 2020) ÷ (2025 − 2020) = 60%:
    人才资源总量    (15 − 10.3) ÷ (14 − 10.3) = 4.7 ÷ 3.7 = 127.0%, and 15 ≥ 14: already met
    高价值专利授权数 (500 − 210) ÷ (400 − 210) = 290 ÷ 190 = 152.6%, and 500 ≥ 400: already met
    科创板上市企业数 (0 − 0) ÷ (1 − 0) = 0%: behind (60 points below)
On main the first two read 快于序时进度 in the scorecard and the brief's sentence ("2项指标快于、0项符合、1项慢于"),
while the method note says "最新值已满足目标为已达目标". Open SDG's ProgressMeasure gives target_achieved before
any score (get_progress_status). The 完成进度 comparison itself stays in the table (schedule_judgement ahead).
"""
import pytest

from conftest import copy_of_project
from helpers.analyse import evaluation as ev
from helpers.analyse.growth import TARGET_MET
from helpers.analyse.progress import verdict_label
from helpers.analyse.views import plan_view
from helpers.extract import dataset
from helpers.report import chapters
from support.tonglu import report_context
from support.workbooks import one_sheet_workbook

MET = ("talent_total", "high_value_patents_granted")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("met_mid_plan")
    copy_of_project(root)
    one_sheet_workbook(root, [["建德市", "人才资源总量", "万人", 2023, 15, None, "统计局", None],
                              ["建德市", "高价值专利授权数", "件", 2023, 500, None, "市场监管局", None],
                              ["建德市", "科创板上市企业数", "家", 2023, 0, None, "金融办", None]], name="2023.xlsx")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


@pytest.fixture(scope="module")
def contexts(project):
    return {lang: report_context(project, 2023, entities="jiande", lang=lang) for lang in ("zh", "en")}


def test_a_target_already_met_in_the_period_is_met(contexts):
    p = contexts["zh"].progress.set_index("indicator_id")
    assert p.loc["talent_total", "progress_share"] == pytest.approx(4.7 / 3.7)
    assert p.loc["high_value_patents_granted", "progress_share"] == pytest.approx(290 / 190)
    for ind in MET:
        assert p.loc[ind, "schedule_share"] == pytest.approx(0.6)
        assert p.loc[ind, "schedule_judgement"] == ev.AHEAD      # the shares, as computed
        assert p.loc[ind, "verdict"] == TARGET_MET              # the one judgement
    assert p.loc["star_market_listed_firms", "verdict"] == ev.BEHIND
    assert verdict_label(TARGET_MET, "zh") == "已达目标"
    assert verdict_label(TARGET_MET, "en") == "target already met"


def test_the_briefs_sentence_says_met_not_ahead(contexts):
    zh = " ".join(chapters.summary.executive_summary(contexts["zh"], "brief"))
    assert ("截至2023年，建德市“十四五”规划的序时进度为60.0%：0项指标快于、0项符合、1项慢于序时进度；"
            "另有2项指标最新值已满足目标，为已达目标。") in zh
    en = " ".join(chapters.summary.executive_summary(contexts["en"], "brief"))
    assert ("0 indicators are ahead of schedule, 0 on schedule and 1 behind; 2 more indicators have already met "
            "their targets ('target already met').") in en


def _texts(table) -> dict:
    """A table's rows as {first cell's text: [the other cells' texts]}."""
    return {str(row.cells[0][1].text): [str(c.text) for _, c in row.cells[1:]] for row in table.body}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tables_and_the_method_say_the_same(contexts, lang):
    ctx = contexts[lang]
    met, ahead = verdict_label(TARGET_MET, lang), verdict_label(ev.AHEAD, lang)
    scorecard = {}
    for table in chapters.scorecard.scorecard_tables(ctx):
        scorecard.update(_texts(table))
    for ind in MET:
        assert scorecard[ctx.indicator_name(ind)] == [met]
    p = ctx.progress[ctx.progress["schedule_judgement"].notna()]      # the report's 完成进度 table: the same judgement
    table = next(b["table"] for b in chapters.plan._schedule_blocks(ctx, p) if b["kind"] == "table")
    judged = {str(row.cells[1][1].text): str(row.cells[2][1].text) for row in table.body}
    assert [judged[ctx.indicator_name(i)] for i in MET] == [met, met] and ahead not in judged.values()
    assert {"zh": "最新值已满足目标的为已达目标",
            "en": "a latest value that already meets the target is 'target already met'"}[lang] in \
        " ".join(ctx.w.list("method"))
    view = plan_view(ctx.progress, lang).data
    judged = dict(zip(view.iloc[:, 2], view[ctx.w.table("views.headers")["judgement"]]))
    assert [judged[ctx.progress.set_index("indicator_id").loc[i, f"indicator_name_{lang}"]] for i in MET] == [met, met]


def test_a_cumulative_target_already_met_in_the_period_is_met(workspace):
    """桐庐's 十五五 plan (tests/support/fifteenth_plan.py): 新增高技能人才 〔7000〕 over 2026–2030, a count (the
    sum of the yearly new ones); 省级以上人才科技孵化载体 〔3〕. By 2028 (序时进度 (2028 − 2025) ÷ 5 = 60%):
        新增高技能人才 3000 + 2500 + 2000 = 7500 ≥ 7000: 完成进度 107.1%, already met
        孵化载体 1 + 0 + 0 = 1 of 3: 33.3%, behind (26.7 points below)
    On main the first read 快于序时进度, as a level past its target did."""
    from support.fifteenth_plan import add_fifteenth_plan
    add_fifteenth_plan(workspace, "word_tab_cells", monitoring=False)
    rows = [["桐庐县", name, unit, year, value, None, "统计年报", None]
            for name, unit, values in (("新增高技能人才", "人", (3000, 2500, 2000)),
                                       ("省级以上人才科技孵化载体", "家", (1, 0, 0)))
            for year, value in zip((2026, 2027, 2028), values)]
    one_sheet_workbook(workspace, rows, name="2028.xlsx")
    dataset.write(dataset.build(workspace / "raw", workspace / "config"), workspace / "processed")
    p = report_context(workspace, 2028, entities="tonglu").progress.set_index("indicator_id")
    assert p.loc["new_high_skilled_talent", "evaluated_value"] == 7500
    assert p.loc["new_high_skilled_talent", "progress_share"] == pytest.approx(7500 / 7000)
    assert p.loc["new_high_skilled_talent", "schedule_judgement"] == ev.AHEAD
    assert p.loc["new_high_skilled_talent", "verdict"] == TARGET_MET
    assert p.loc["provincial_incubators", "progress_share"] == pytest.approx(1 / 3)
    assert p.loc["provincial_incubators", "verdict"] == ev.BEHIND
