"""End to end, the brief's final evaluation of 桐庐's 十四五 plan when the workbook's 备注 or 比较符 column is headed
otherwise, or its 2025 rows are on a second sheet (issue 18, redteam17 findings 1 and 2). The case and its
hand-worked figures: tests/support/final_evaluation.py (2025: 人才资源总量 15左右, 〔6000〕 at 5,950 missed, 〔1〕 at
+1.1 met, 6 at 6.2 missed, 35以上 at 35 met).

- 说明 for 备注, the 2025 人才资源总量 15.1 with 预计: 无法评估, "4项目标中2项达标" (main: the 说明 column was not read,
  15.1 judged as a firm actual, met: "5项目标中3项达标").
- 符号 for 比较符, 15 with <: less than 15 misses 15左右 (main: 15 met).
- 桐庐's 2025 rows on a sheet 2025年 whose header is in row 6: the data step stops (main: the sheet was passed over,
  and the brief said 5项目标尚无2025年实际值); with the header moved up, as the advice says, the brief is the one of
  the same rows on the 数据 sheet.
"""
import openpyxl
import pytest

from helpers import analyse
from helpers.extract import dataset
from helpers.report.chapters.summary import executive_summary
from helpers.report.context import load_report_context
from support.data_step import build_refused
from support.final_evaluation import final_evaluation_case

WORKBOOK = ("raw", "monitoring", "监测2021-2025.xlsx")
ESTIMATE = ("桐庐县“十四五”规划（2021—2025年）终期评估：4项目标中2项达标、2项未达标"
            "（未达标：新增高技能人才、人才流失率）；另有1项尚无2025年实际值，待补充。")
BOUND = ("桐庐县“十四五”规划（2021—2025年）终期评估：5项目标中2项达标、3项未达标"
         "（未达标：人才资源总量、新增高技能人才、人才流失率）。")


def _summary(root) -> str:
    dataset.write(dataset.build(root / "raw", root / "config"), root / "processed")
    analyse.build_tables(root / "processed", root / "config", 2025, "tonglu")
    return executive_summary(load_report_context(root / "processed", root / "config", 2025, "tonglu", "zh"),
                             "brief")[0]


def _edit(root, edit) -> None:
    path = root.joinpath(*WORKBOOK)
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)


@pytest.mark.parametrize("header", ["备注", "说明", "附注"])
def test_an_estimate_in_a_note_column_headed_as_a_note_is_no_actual_in_the_brief(tmp_path, header):
    root = final_evaluation_case(tmp_path, extra={"人才资源总量": {2025: 15.1}},
                                 remarks={"人才资源总量": {2025: "预计数"}}, plan_15=None)
    _edit(root, lambda wb: wb["数据"].cell(1, 8, header))
    assert _summary(root) == ESTIMATE


@pytest.mark.parametrize("header", ["比较符", "符号"])
def test_a_bound_in_a_comparator_column_headed_as_a_sign_misses_the_target_in_the_brief(tmp_path, header):
    root = final_evaluation_case(tmp_path, extra={"人才资源总量": {2025: 15}}, plan_15=None)

    def edit(wb):
        ws = wb["数据"]
        ws.cell(1, 6, header)
        [row] = [r for r in range(2, ws.max_row + 1)
                 if ws.cell(r, 2).value == "人才资源总量" and ws.cell(r, 4).value == 2025]
        ws.cell(row, 6, "<")
    _edit(root, edit)
    assert _summary(root) == BOUND


def test_the_years_rows_on_a_second_sheet_are_never_passed_over(tmp_path):
    root = final_evaluation_case(tmp_path, plan_15=None)
    control = _summary(root)
    assert "尚无2025年实际值" not in control

    def move(wb):
        ws = wb["数据"]
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
        ws.delete_rows(2, ws.max_row)
        for r in [r for r in rows if r[3] != 2025]:
            ws.append(r)
        sheet = wb.create_sheet("2025年")
        for title in ("桐庐县人才发展主要指标2025年监测表", "填报单位：县委人才办", "填报日期：2026年1月15日",
                      "单位：见各行", "说明：数值为2025年全年数"):
            sheet.append([title])
        sheet.append([c.value for c in ws[1]])
        for r in [r for r in rows if r[3] == 2025]:
            sheet.append(r)
    _edit(root, move)
    err = build_refused(root)
    assert err.where.startswith("sheet 2025年, cell ") and "put the header row within the first 5 rows" in err.fix
    _edit(root, lambda wb: wb["2025年"].delete_rows(1, 5))     # the advice, followed
    assert _summary(root) == control
