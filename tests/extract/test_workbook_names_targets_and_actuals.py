"""A sheet, file, title or header naming targets as well as actual values (redteam12, lesser: F-sheet-names2):
`2023年目标完成`, `2023年完成目标`, `2023年计划完成`, `2023年规划完成`, `2023年目标实绩`, `2023年目标(实际)`,
`2023年计划 实际` and `2023 target vs actual` were read as 2023's actual values, exit 0, because an actual word
outweighed the target word. Such a name may head targets, actual values or the rates of one to the other, and one
value column cannot tell (the template has no target column: targets are read from the plans only).
Decision (docs/monitoring.md): beside a bare word of the values achieved (完成, 实际, 实绩, actual) a target word
stops the run, naming both, with the name without the target word as the rename; beside the name of a report on
how the year went (完成情况, 执行情况, 监测数据, 评估, 决算) it names what is reported on, and is read
(目标完成情况, 任务完成情况, 计划完成情况, 十四五规划监测数据, 预算执行数, as before). `Plan vs actual` and
`计划完成率` (a rate), read before, now stop."""
import re

import openpyxl
import pytest

from helpers.extract.name_meaning import BOTH, name_says, not_actuals
from support.data_step import build_refused, monitored
from support.workbooks import HEADER, one_sheet_workbook

JIANDE = ["建德市", "人才资源总量", "万人"]

NAMES = [("2023年目标完成", "目标", "完成", "2023年完成"), ("2023年完成目标", "目标", "完成", "2023年完成"),
         ("2023年计划完成", "计划", "完成", "2023年完成"), ("2023年规划完成", "规划", "完成", "2023年完成"),
         ("2023年目标实绩", "目标", "实绩", "2023年实绩"), ("2023年目标(实际)", "目标", "实际", "2023年(实际)"),
         ("2023年计划 实际", "计划", "实际", "2023年 实际"), ("2023 target vs actual", "target", "actual",
                                                          "2023  vs actual"),
         ("Plan vs actual", "plan", "actual", "vs actual"), ("计划完成率", "计划", "完成", "完成率")]


@pytest.mark.parametrize("name, target, actual, _", NAMES)
def test_a_name_of_targets_beside_actual_values_says_both(name, target, actual, _):
    """On main: None (read as the year's actual values)."""
    said = name_says(name)
    assert (said.what, said.words) == (BOTH, f"{target}, {actual}")


@pytest.mark.parametrize("name", ["目标完成情况", "2023年任务完成情况", "计划完成情况", "計劃完成情況", "计划执行情况",
                                  "十四五规划监测数据", "预算执行数", "规划中期评估", "2023年完成", "2023 actual"])
def test_a_report_on_how_the_targets_went_is_read(name):
    """A target word beside a report's name (完成情况, 执行情况, 监测数据, 评估) names what is reported on."""
    assert name_says(name) is None


def test_a_header_naming_both_stops_as_both():
    assert not_actuals("数值（目标完成）").what == BOTH


@pytest.mark.parametrize("name, target, actual, renamed", NAMES[:8])
def test_a_sheet_naming_both_stops_the_run_and_the_advice_reads(workspace, name, target, actual, renamed):
    """redteam12 F-sheet-names2: 建德's 9.4 under such a sheet was read as 2023's actual, exit 0. The advice, followed
    for actual values (the sheet renamed as it says), reads them."""
    path = one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], edit=lambda ws: setattr(ws, "title", name))
    err = build_refused(workspace)
    assert err.where == f"sheet {name}, cell E2"
    assert err.problem == (f"the sheet's name ('{name}') names both targets ('{target}') and actual values "
                           f"('{actual}'), but the sheet has a figure in E2: whether its figures are the years' actual "
                           "values, targets, or rates of one to the other cannot be told from one value column")
    new = re.search(r"Rename; e\.g\. (.+)\), so that", err.fix).group(1)
    assert new == renamed.strip()
    assert err.fix.endswith("so that it names actual values only; if they are targets or rates, move them into a "
                            "workbook outside data/raw/monitoring/ or delete them (targets are read from the plans, "
                            "never from here).")
    wb = openpyxl.load_workbook(path)
    wb[name].title = new
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def test_a_header_naming_both_stops_the_run_at_it(workspace):
    header = [("数值（目标完成）" if title == "数值" else title) for title in HEADER]
    one_sheet_workbook(workspace, [[*JIANDE, 2023, 12.9]], header=header)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells E1 and E2"
    assert err.problem.startswith("the header E1 ('数值（目标完成）') names both targets ('目标') and actual values "
                                  "('完成')")
    assert err.fix.startswith("if they are the years' actual values, write 数值 in E1, so that it names actual "
                              "values only")
