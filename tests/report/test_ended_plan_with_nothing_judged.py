"""The 2026 brief, under 十五五, says how 十四五 ended when none of its targets could be judged (redteam19
finding 10).

桐庐 (tests/support/tonglu.py) with its monitoring workbook for 2021–2024 only: no 2025 actual. Its 十五五 plan heads
the 2025 column 2025年（预计）, so 人才资源总量 15, 高技能人才占比 35, 人才流失率 5.9 and 高技能人才 2.75 are the plan's
estimates of 2025 (never judged as actuals); R&D人员数 and 党政人才 have no 2025 figure at all. Of 十四五's 6 targets
none is judged: main's summary said "桐庐县0项目标中0项达标（另有6项尚无2025年实际值）", which reads as a plan with
no targets. (A second workbook gives 2026 actuals, for a 2026 brief.) Worked by hand: 6 targets without a 2025
actual, 4 of them with only the plan's estimate.
"""
import pytest

from conftest import copy_of_project
from helpers.extract import dataset
from helpers.extract.manifest import write_manifest
from helpers.report import chapters
from support.tonglu import MONITORING, make_county, report_context
from support.workbooks import one_sheet_workbook

ENDED = "“十四五”规划（2021—2025年）已结束，终期评估："
ESTIMATED = {"talent_total", "high_skilled_share_of_skilled", "talent_outflow_rate", "high_skilled_talent"}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("ended_none")
    copy_of_project(root)
    make_county(root, "cell_per_line", monitored=range(2021, 2025))   # the 2025 actuals not yet in
    plan = root / "raw" / "tonglu_15.txt"
    text = plan.read_text(encoding="utf-8")
    assert text.count("2025年完成数") == 1
    plan.write_text(text.replace("2025年完成数", "2025年（预计）"), encoding="utf-8")
    # 2026 actuals (the 2024 figures), for a 2026 brief
    one_sheet_workbook(root, [["桐庐县", indicator, unit, 2026, values[2024], None, "统计年报", None]
                              for indicator, (unit, values) in MONITORING.items()], name="桐庐监测2026.xlsx")
    write_manifest(root / "raw")
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    return root


def _ended(ctx) -> str:
    said = [s for s in chapters.summary.executive_summary(ctx, "brief")
            if "终期评估：" in s or "Final evaluation:" in s]
    assert len(said) == 1, said
    return said[0]


def test_the_outlook_says_which_ended_targets_have_only_the_plans_estimate(workspace):
    o = report_context(workspace, 2026).outlook
    rows = o[(o["entity"] == "tonglu") & o["ended_target_value"].notna()].set_index("indicator_id")
    assert len(rows) == 6 and rows["ended_target_met"].isna().all()
    assert set(rows.index[rows["ended_plan_estimate_only"].astype(bool)]) == ESTIMATED


def test_nothing_judged_is_said_as_the_targets_awaiting_an_actual_not_0_of_0(workspace):
    zh = _ended(report_context(workspace, 2026))
    assert zh.startswith(ENDED + "桐庐县6项目标尚无2025年实际值，其中4项仅有规划预计数；逐项结果见2025年度领导简报"), zh
    assert "0项" not in zh
    en = _ended(report_context(workspace, 2026, lang="en"))
    assert en.startswith("The 14th Five-Year Plan (2021–2025) has ended. Final evaluation: Tonglu has no 2025 "
                         "actual yet for any of its 6 targets, 4 of them with only the plan's estimate; each "
                         "target is in the 2025 brief"), en
    assert "0 of 0" not in en


def test_targets_judged_beside_ones_with_only_an_estimate_say_both(workspace):
    # the same outlook with 2 of the 6 judged (R&D met, 党政人才 missed): 2 judged, 1 met, 4 pending, all estimates
    ctx = report_context(workspace, 2026)
    o = ctx.outlook
    for ind_id, met in (("rd_personnel_per_10k", True), ("party_government_talent", False)):
        o.loc[(o["entity"] == "tonglu") & (o["indicator_id"] == ind_id), "ended_target_met"] = met
    assert ENDED + "桐庐县2项目标中1项达标（另有4项尚无2025年实际值，仅有规划预计数）；" in _ended(ctx)
