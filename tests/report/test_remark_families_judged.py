"""A 备注 in the families redteam18 found unread never leaves a firm actual to be judged (issue 18, redteam18 finding
6). On bcc0b85 (main) 桐庐's 2025 人才资源总量 15.1 with the 备注 趋势外推 (extrapolated from the trend) or
暂用2024年数据 (2024's figure standing in) was judged 达标 against 15左右, and the brief said
"5项目标中3项达标"; 目标值 (a target), 非实际数 and 录入错误 were judged too.

By hand (tests/support/final_evaluation.py): without a 2025 actual of 人才资源总量, 〔6000〕 at 5,950 missed, 〔1〕 at
+1.1 met, 6 at 6.2 missed, 35以上 at 35 met: 4 judged, 2 met, and 人才资源总量 无法评估 (its 2025 figure an
estimate). A target, a figure not the actual, or a void one stops the data step at the value and 备注 cells.
"""
import json

import pandas as pd
import pytest

from helpers import analyse
from helpers.analyse.growth import NOT_ASSESSABLE
from helpers.core.errors import InputError
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.final_evaluation import final_evaluation_case

SAID = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标（未达标：新增高技能人才、人才流失率）；"
        "另有1项尚无2025年实际值，待补充。")


@pytest.fixture(scope="module", params=["趋势外推", "暂用2024年数据"])
def estimated(request, tmp_path_factory):
    root = final_evaluation_case(tmp_path_factory.mktemp("est"), extra={"人才资源总量": {2025: 15.1}},
                                 remarks={"人才资源总量": {2025: request.param}}, plan_15=None)
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return request.param, load_report_context(root / "processed", root / "config", 2025, "tonglu", "zh")


def test_an_extrapolated_or_another_years_figure_is_not_judged_in_the_2025_brief(estimated):
    remark, zh = estimated
    row = zh.progress.set_index("indicator_id").loc["talent_total"]
    assert row["verdict"] == NOT_ASSESSABLE and pd.isna(row["target_met"])
    assert executive_summary(zh, "brief")[0] == SAID
    [note] = [n for n in json.loads(row["evaluation_notes"]) if n["code"] == "workbook_estimate_not_actual"]
    assert (note["cell"], note["remark"]) == ("E6", remark)


@pytest.mark.parametrize("remark, says", [("目标值", "a target"),
                                          ("非实际数", "not the year's actual or whole figure"),
                                          ("录入错误", "void, wrong or test data"),
                                          ("年报未出", "not yet verified")])
def test_a_target_a_figure_not_the_actual_or_a_void_one_stops_the_data_step(tmp_path, remark, says):
    with pytest.raises(InputError) as info:
        final_evaluation_case(tmp_path, extra={"人才资源总量": {2025: 15.1}}, remarks={"人才资源总量": {2025: remark}},
                              plan_15=None)
    assert info.value.file.endswith("监测2021-2025.xlsx") and info.value.where == "sheet 数据, cells E6 and H6"
    assert f"the 备注 '{remark}' says the figure 15.1 is {says}" in info.value.problem
