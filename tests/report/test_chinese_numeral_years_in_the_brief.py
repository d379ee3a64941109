"""A note's year in Chinese numerals decides the 2025 final evaluation as 2025年 does (issue 18, notes3's leftover).
The case and its hand-worked figures: tests/support/final_evaluation.py.

By hand, as in tests/report/test_remark_families_judged.py: without a firm 2025 actual of 人才资源总量, 〔6000〕 at
5,950 missed, 〔1〕 at +1.1 met, 6 at 6.2 missed, 35以上 at 35 met: 4 judged, 2 met, and 人才资源总量 (15左右)
无法评估.
- the 十五五 plan's note 人才资源总量二〇二五年为预计数 (its 15.2 the only 2025 figure): main stopped, taking '二〇二五'
  for words beside the rows' names;
- the workbook's 15.1 with the 备注 同二〇二四年 (2024's figure standing in): main judged it 达标 against 15左右, and
  the brief said "5项目标中3项达标".
"""
import pandas as pd
import pytest

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import PLAN_15, final_evaluation_case

SAID = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标（未达标：新增高技能人才、人才流失率）；"
        "另有1项尚无2025年实际值，待补充。")


@pytest.mark.parametrize("where", ["plan note", "remark"])
def test_a_year_in_chinese_numerals_makes_the_brief_say_not_assessable(tmp_path, where):
    if where == "plan note":
        assert PLAN_15.count("\t注：〔〕内为五年累计数。\n") == 1
        plan = PLAN_15.replace("\t注：〔〕内为五年累计数。\n",
                               "\t注：〔〕内为五年累计数；人才资源总量二〇二五年为预计数。\n")
        root = final_evaluation_case(tmp_path, plan_15=plan, without=(("人才资源总量", 2025),))
    else:
        root = final_evaluation_case(tmp_path, extra={"人才资源总量": {2025: 15.1}},
                                     remarks={"人才资源总量": {2025: "同二〇二四年"}}, plan_15=None)
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    zh = load_report_context(root / "processed", root / "config", 2025, "tonglu", "zh")
    row = zh.progress.set_index("indicator_id").loc["talent_total"]
    assert row["verdict"] == NOT_ASSESSABLE and pd.isna(row["target_met"])
    assert executive_summary(zh, "brief")[0] == SAID
