"""Monitoring workbooks whose figures could be read as something other than what the analyst meant, without a
word (issue 18, second pass): two header cells that could each be the 数值 or 年份 column, a value merged over
several rows, a number format that shows another number than the cell holds. Each stops the run at its cell."""
from pathlib import Path

import openpyxl
import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset

HEADER = ["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"]


def _workbook(workspace: Path, rows: list[list], header=HEADER, edit=None, name: str = "m.xlsx") -> Path:
    path = workspace / "raw" / "monitoring" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    for row in [header, *rows]:
        ws.append(row)
    if edit:
        edit(ws)
    wb.save(path)
    return path


def _refused(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    return info.value


def _monitoring(workspace: Path):
    return dataset.build(workspace / "raw", workspace / "config").indicators.query("origin == 'monitoring'")


@pytest.mark.parametrize("header, row, columns", [
    # Was: E (数值（万人）) read and F's 99 left out; the next, 年份（基期） read as the year (2020), the value then
    # lost to the plan's 2020 figure and Jiande's 2023 actual gone.
    (["县市", "指标", "单位", "年份", "数值（万人）", "数值"], ["建德市", "人才资源总量", "万人", 2023, 12.9, 99],
     "E1 (数值（万人）) and F1 (数值)"),
    (["县市", "指标", "单位", "年份（基期）", "年份", "数值"], ["建德市", "人才资源总量", "万人", 2020, 2023, 12.9],
     "D1 (年份（基期）) and E1 (年份)"),
])
def test_two_columns_that_could_each_be_one_field_stop_the_run(workspace, header, row, columns):
    _workbook(workspace, [row], header=header)
    err = _refused(workspace)
    assert err.where == "sheet 数据, row 1" and columns in err.problem and "keep one column headed" in err.fix


def test_two_note_columns_are_harmless(workspace):
    _workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.9, None, "年鉴", "备注一", "备注二"]],
              header=HEADER + ["备注2"])
    assert _monitoring(workspace)["value"].tolist() == [12.9]


def test_a_fraction_character_in_a_value_cell_is_refused_not_read_as_a_mark(workspace):
    """Was: 12½ read as 12, the ½ taken for a note mark."""
    _workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, "12½"]])
    err = _refused(workspace)
    assert err.where == "sheet 数据, cell E2" and "'12½'" in err.problem and "is not a number" in err.problem
