"""More 备注 families, read by roots (issue 18, redteam18 finding 6). On bcc0b85 (main) each 备注 below left a firm
actual: an estimate in other words (趋势外推, 线性插值, 概算, 约15, 大概, 参考值, 经验值), another year's figure on the
row (暂用2024年数据, 以2024年数代替, 同2024年, 2024年数 on a 2025 row), a target (目标值, 按规划目标填报, 规划值,
计划数, 任务数), not the actual or the whole (非实际数, 非全年数, 非年末数), not yet published (年报未出,
尚未公布, 待年报, 年报出来后更新, 将于2026年3月更新), void or wrong (录入错误, 作废) and test data (模拟数据,
测试数据, 草稿, 示例).

The decision (docs/monitoring.md, 备注): an estimate and another year's figure are read as an estimate (never judged
as the year's actual); a target, not the actual, void or test data stop the run at the value and 备注 cells, as not
yet published (not yet verified) does, with advice that works both ways. The row's year tells 2024年数 on a 2025 row
(another year's) from 2024年数 on a 2024 row (its own). The end-to-end 2025 brief:
tests/report/test_remark_families_judged.py.
"""
import time

import openpyxl
import pytest

from helpers.core.errors import InputError
from helpers.extract.name_meaning import remark_is_scope, remark_says
from support.workbooks import HEADER, one_sheet_workbook, read_workbooks

ESTIMATE, UNVERIFIED = "an estimate", "not yet verified"
TARGET, NOT_ACTUAL, VOID = "a target", "not the year's actual value", "void, wrong or test data"


@pytest.mark.parametrize("remark, what, word", [
    # an estimate, in other words
    ("外推", ESTIMATE, "外推"), ("趋势外推", ESTIMATE, "外推"), ("线性插值", ESTIMATE, "插值"),
    ("插值", ESTIMATE, "插值"),
    ("概算", ESTIMATE, "概算"), ("约", ESTIMATE, "约"), ("约15", ESTIMATE, "约"), ("约15万人", ESTIMATE, "约"),
    ("约数", ESTIMATE, "约数"), ("大概", ESTIMATE, "大概"), ("参考值", ESTIMATE, "参考值"),
    ("经验值", ESTIMATE, "经验值"),
    ("15万左右", ESTIMATE, "左右"), ("内插补齐", ESTIMATE, "内插"),
    # another year's figure on a 2025 row
    ("暂用2024年数据", ESTIMATE, "暂用2024年数据"), ("以2024年数代替", ESTIMATE, "以2024年数"),
    ("同2024年", ESTIMATE, "同2024年"), ("2024年数", ESTIMATE, "2024年数"), ("用2023年数", ESTIMATE, "用2023年数"),
    ("2024年度数据", ESTIMATE, "2024年度数据"),
    # a target
    ("目标值", TARGET, "目标值"), ("按规划目标填报", TARGET, "按规划目标"), ("规划值", TARGET, "规划值"),
    ("计划数", TARGET, "计划数"), ("任务数", TARGET, "任务数"), ("target value", TARGET, "target value"),
    # not the actual or the whole
    ("非实际数", NOT_ACTUAL, "非实际"), ("非全年数", NOT_ACTUAL, "非全年"), ("非年末数", NOT_ACTUAL, "非年末"),
    ("不是最终数据", NOT_ACTUAL, "不是最终"),
    # not yet published or final
    ("年报未出", UNVERIFIED, "年报未出"), ("尚未公布", UNVERIFIED, "尚未公布"),
    ("统计局尚未发布", UNVERIFIED, "尚未发布"),
    ("待年报", UNVERIFIED, "待年报"), ("年报出来后更新", UNVERIFIED, "出来后更新"),
    ("将于2026年3月更新", UNVERIFIED, "将于2026年3月更新"),
    # void or wrong, and test data
    ("录入错误", VOID, "错误"), ("错误", VOID, "错误"), ("作废", VOID, "作废"), ("填错", VOID, "填错"),
    ("模拟数据", VOID, "模拟"), ("测试数据", VOID, "测试"), ("草稿", VOID, "草稿"), ("示例", VOID, "示例"),
    ("有误已改", UNVERIFIED, "有误"),
    # and as the next analyst would write them
    ("按近三年平均增速计算", ESTIMATE, "平均增速计算"), ("近似值", ESTIMATE, "近似"), ("假定值", ESTIMATE, "假定值"),
    ("暂列", ESTIMATE, "暂列"), ("临时数", ESTIMATE, "临时数"), ("照搬上年", ESTIMATE, "照搬"),
    ("extrapolated", ESTIMATE, "extrapolated"), ("年度目标", TARGET, "年度目标"), ("非正式数据", NOT_ACTUAL, "非正式"),
    ("待替换", UNVERIFIED, "待替换"), ("以正式数为准", UNVERIFIED, "以正式数为准"), ("数据异常", UNVERIFIED, "异常"),
    ("虚报", VOID, "虚报"), ("试填", VOID, "试填")])
def test_a_remark_is_read_by_its_new_family(remark, what, word):
    said = remark_says(remark, 2025)
    assert said is not None and (said.what, said.words) == (what, word)


@pytest.mark.parametrize("remark", [
    "含驻县单位", "数据来源：统计局", "口径调整", "统计年报", "非预计数", "约束性", "约束性指标", "评估", "好于预期",
    "合约", "预约", "签约3家", "节约15%", "比2024年增长5%", "较2024年数据增长", "同2024年口径", "按2024年口径",
    "2021-2025年数据", "2025年数据", "完成目标", "达到规划目标", "已完成年度目标任务", "目标完成情况良好", "无错误",
    "没有错误", "未作废", "实际数，非估算", "实际数而非预计数", "未出现异常", "将继续调整", "2024年3月报送",
    "统计局2025年3月公布", "含临时聘用人员", "无异常", "未见异常", "完成年度目标"])
def test_a_remark_of_commentary_still_says_nothing_of_the_figure(remark):
    assert remark_says(remark, 2025) is None


def test_another_years_figure_is_told_by_the_rows_year():
    assert remark_says("2024年数", 2025).what == ESTIMATE
    assert remark_says("2024年数", 2024) is None and remark_says("同2024年", 2024) is None
    assert remark_says("2024年数") is None                          # (without the row's year: a year carried only)
    assert remark_says("暂用2023年数据").words == "暂用2023年数据"
    assert remark_says("统计公报未发布，采用快报数", 2025).what == "the year's preliminary count"     # (as decided)


ROW = ["建德市", "人才资源总量", "万人", 2023, 12.9, None, "统计年报"]



@pytest.mark.parametrize("remark, word, says", [
    ("目标值", "目标值", "a target"), ("非全年数", "非全年", "not the year's actual or whole figure"),
    ("录入错误", "错误", "void, wrong or test data"), ("测试数据", "测试", "void, wrong or test data"),
    ("年报未出", "年报未出", "not yet verified")])
def test_a_remark_of_a_stopping_family_stops_with_advice_that_works_both_ways(workspace, remark, word, says):
    path = one_sheet_workbook(workspace, [ROW + [remark]], header=HEADER)
    with pytest.raises(InputError) as info:
        read_workbooks(workspace)
    err = info.value
    assert err.where == "sheet 数据, cells E2 and H2"
    assert f"the 备注 '{remark}' says the figure 12.9 is {says} ('{word}')" in err.problem
    assert f"take '{word}' out of the 备注" in err.fix and "clear E2" in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"]["E2"].value = None                           # followed one way: the value cleared, the row skipped
    wb.save(path)
    assert read_workbooks(workspace)[0] == []
    wb["数据"]["E2"].value = 13.1                           # and the other: the words taken out of the 备注
    wb["数据"]["H2"].value = remark.replace(word, "") or None
    wb.save(path)
    [obs], _ = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (13.1, False)


@pytest.mark.parametrize("remark", ["趋势外推", "约", "暂用2022年数据", "2022年数"])
def test_an_estimate_or_another_years_figure_is_read_as_an_estimate(workspace, remark):
    one_sheet_workbook(workspace, [ROW + [remark]], header=HEADER)
    [obs], decisions = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (12.9, True)
    assert [d.values["remark"] for d in decisions if d.step == "estimate_in_note"] == [remark]


def test_the_rows_own_year_is_no_other_year(workspace):
    one_sheet_workbook(workspace, [ROW + ["2023年数据"]], header=HEADER)
    [obs], _ = read_workbooks(workspace)
    assert (obs.value, obs.estimated) == (12.9, False)


@pytest.mark.parametrize("word", ["约束", "非实际", "2024年比", "年报", "目标完成", "将来"])
def test_a_long_remark_of_the_new_families_roots_is_read_in_linear_time(word):
    """A 备注 cell holds up to 32,767 characters; 30,000 of these took about 0.5 s each (the bound leaves room for a
    loaded machine)."""
    started = time.perf_counter()
    remark_says(word * (30000 // len(word)), 2025)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("remark, scope", [
    ("含驻县单位", True), ("不含驻县单位", True), ("口径调整", True), ("数据来源：统计局", True), ("统计年报", True),
    ("来源：人社局，含驻县单位", True), ("据乡镇上报汇总", False), ("含驻县单位，另行说明", False), ("快报", False),
    ("含驻县单位但明显偏高且可能重复计算了一部分", False), ("", False)])
def test_a_remark_of_scope_or_source_is_told_from_one_of_other_words(remark, scope):
    """Under the scorecard the scope notes are the ones counted beyond 3 lines; any other is quoted (report tests:
    tests/report/test_judged_remarks.py)."""
    assert remark_is_scope(remark) is scope
