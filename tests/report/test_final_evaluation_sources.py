"""The 2025 brief of 桐庐's 十四五 final evaluation with its 十五五 plan published (issue 18, redteam13 findings 1, 6
and 7). The case and its hand-worked figures: tests/support/final_evaluation.py.

On main the 十五五 plan's 2025 column replaced the workbook: the 〔6500〕 total stood for 2025's 1,250, so the
〔6000〕 could not be summed and the brief said "4项目标中4项达标…另有1项尚无2025年实际值，待补充"; 15.2 and 5.5
stood for 14.6 and 6.2 and turned both targets 达标, said nowhere but the appendix. From the workbook, 2 of 5 are met.
"""
import json

import pandas as pd
import pytest

from helpers import analyse
from helpers.report.chapters.appendices import sources_section
from helpers.report.chapters.scorecard import summary_section
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    root = final_evaluation_case(tmp_path_factory.mktemp("brief"))
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return root


def _context(case, lang):
    return load_report_context(case / "processed", case / "config", 2025, "tonglu", lang)


def test_the_final_evaluation_is_judged_on_the_workbook(case):
    summary = executive_summary(_context(case, "zh"), "brief")
    # 15左右 at 14.6, 〔6000〕 at 5,950 and 6 at 6.2 missed; 〔1〕 at +1.1 and 35以上 at 35 met
    assert summary[0].startswith("桐庐县“十四五”规划（2021—2025年）终期评估：5项目标中2项达标、3项未达标"), summary
    assert not any("待补充" in s for s in summary)


def test_the_brief_counts_the_targets_set_against_the_trend_and_names_the_total_left_out(case):
    zh = executive_summary(_context(case, "zh"), "brief")
    # 十五五: 20左右 and 5 against the trend; 〔7000〕 a five-year total, left out and named
    assert "“十五五”规划2项可与趋势比较的目标中，0项目标在指标向好的方向上超出趋势外推的95%预测区间，" \
           "需要明显突破既有趋势（新增高技能人才为五年累计目标，不与趋势比较）。" in zh, zh
    en = " ".join(executive_summary(_context(case, "en"), "brief"))
    assert "2 targets that can be set against the trend, 0 lie beyond" in en, en
    assert "(new high-skilled talent: a five-year total, not set against the trend)" in en.lower(), en
    assert "with a" not in en.split("targets that can be set")[0][-40:]


def test_two_sources_of_a_figure_judged_are_named_under_the_scorecard(case):
    # the scorecard's notes: one line each, both figures and where each is (the workbook's rows 6, 21 hold 2025)
    zh = str(summary_section(_context(case, "zh"), "brief"))
    assert ("桐庐县人才资源总量2025年实际值两个来源不同：采用监测2021-2025.xlsx工作表数据单元格E6的14.6万人，"
            "tonglu_15.txt第18行为15.2万人") in zh
    assert ("桐庐县人才流失率2025年实际值两个来源不同：采用监测2021-2025.xlsx工作表数据单元格E21的6.2%，"
            "tonglu_15.txt第34行为5.5%") in zh
    assert ("桐庐县新增高技能人才：tonglu_15.txt第26行的〔6,500人〕为2021—2025年累计数，不是2025年当年值；"
            "监测2021-2025.xlsx各年实际值之和为5,950人，评估采用各年实际值") in zh
    en = str(summary_section(_context(case, "en"), "brief"))
    assert ("Tonglu, total talent pool, 2025 actual: two sources differ: 14.6 (10,000 persons) from "
            "监测2021-2025.xlsx, sheet 数据, cell E6 is used; tonglu_15.txt, line 18 gives 15.2 (10,000 persons)"
            ) in en, en


def test_an_estimate_beside_the_workbook_is_named_an_estimate_under_the_scorecard(tmp_path):
    """The 十五五 plan's base column headed 2025年（预计）: its 15.2 is an estimate. On main the scorecard's note said
    "2025年实际值两个来源不同：采用…的14.6万人，…为15.2万人", as if both were actuals (redteam14)."""
    root = final_evaluation_case(tmp_path, base_header="2025年（预计）")
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    zh = str(summary_section(_context(root, "zh"), "brief"))
    assert ("桐庐县人才资源总量2025年实际值与预计数不同：采用监测2021-2025.xlsx工作表数据单元格E6的实际值14.6万人，"
            "tonglu_15.txt第18行的预计数为15.2万人（见附录一致性问题）") in zh, zh
    en = str(summary_section(_context(root, "en"), "brief"))
    assert ("Tonglu, total talent pool, 2025: the actual and the estimate differ: the actual 14.6 (10,000 persons) "
            "from 监测2021-2025.xlsx, sheet 数据, cell E6 is used; tonglu_15.txt, line 18 gives the estimate 15.2 "
            "(10,000 persons) (appendix: disagreements)") in en, en


def test_a_period_total_is_listed_as_a_total_never_as_a_years_actual(case):
    html = str(sources_section(_context(case, "zh")))
    assert "前期累计数" in html and "〔4,000人〕" in html and "〔6,500人〕" in html
    assert "4,000人<" not in html.replace("〔4,000人〕", "")


def test_the_outlook_says_a_year_has_only_a_total(case):
    outlook = pd.read_csv(case / "processed" / "outlook.csv", encoding="utf-8-sig")
    row = outlook[(outlook["entity"] == "tonglu") & (outlook["indicator_id"] == "new_high_skilled_talent")].iloc[0]
    notes = {n["code"]: n for n in json.loads(row["outlook_notes"])}
    assert "no_growth_last_period" not in notes
    assert (notes["no_growth_total_only"]["year"], notes["no_growth_total_only"]["total"]) == (2020, 4000)
