"""A plan's base cell that states no figure ("/") is no source for its year (issue 18, redteam17 finding 7).

The case: 桐庐 at its 十四五 final evaluation (tests/support/final_evaluation.py), its plan's 2020 cell of 高技能人才
written "/", and the analyst's 2020 row in the monitoring workbook: 高技能人才 2.0 万人. The target 〔1〕 is a change
since 2020 (高技能人才 is a total). By hand: 3.1 − 2.0 = 1.1 ≥ 1, met (110%); with 人才资源总量 14.6 < 15, 5,950 < 6,000
and 6.2 > 6 missed and 35 ≥ 35 met, 2 of 5 targets met, 3 missed.
On main the plan's "/" beat the workbook's 2.0 (a plan beats a workbook in a year no plan judges): the 2020 actual
was empty, 高技能人才 无法评估, "4项目标中1项达标", and the brief said "两个来源不同：采用tonglu_14.txt第…行的—".
"""
import pandas as pd
import pytest

from helpers import analyse
from helpers.report.chapters.scorecard import summary_section
from helpers.report.context import load_report_context
from support.final_evaluation import PLAN_14, final_evaluation_case

SLASHED = PLAN_14.replace("\t高技能人才\n\t万人\n\t2\n", "\t高技能人才\n\t万人\n\t/\n")


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    assert SLASHED != PLAN_14
    root = final_evaluation_case(tmp_path_factory.mktemp("slash"), extra={"高技能人才": {2020: 2.0}},
                                 plan_14=SLASHED)
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return root


def test_the_workbooks_figure_is_the_base_and_the_plans_slash_stays_in_the_log(case):
    ind = pd.read_csv(case / "processed" / "indicators.csv", encoding="utf-8-sig")
    base = ind[(ind.entity == "tonglu") & (ind.indicator_id == "high_skilled_talent") & (ind.year == 2020)]
    assert list(base.value) == [2.0] and list(base.origin) == ["monitoring"]
    assert '"code": "no_figure_in"' in base.note_values.iloc[0] and '"raw": "/"' in base.note_values.iloc[0]
    log = pd.read_csv(case / "processed" / "cleaning_log.csv", encoding="utf-8-sig")
    step = log[(log.step == "no_figure_in_other_source") & (log.indicator_id == "high_skilled_talent")]
    assert len(step) == 1 and "tonglu_14.txt:" in step["values"].iloc[0] and '"raw": "/"' in step["values"].iloc[0]
    checks = pd.read_csv(case / "processed" / "consistency.csv", encoding="utf-8-sig")
    assert not ((checks.indicator_id == "high_skilled_talent") & (checks.year == 2020)).any()


def test_the_brief_judges_the_change_on_the_workbooks_base(case):
    zh = str(summary_section(load_report_context(case / "processed", case / "config", 2025, "tonglu", "zh"),
                             "brief"))
    assert "5项目标中2项达标、3项未达标" in zh, zh
    assert "高技能人才2020年实际值两个来源不同" not in zh and "的—" not in zh
    en = str(summary_section(load_report_context(case / "processed", case / "config", 2025, "tonglu", "en"),
                             "brief"))
    assert "2 of 5 targets met" in en or "2 of the 5 targets" in en, en
