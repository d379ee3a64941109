"""Monitoring workbooks, third hostile pass (issue 18): a value cell whose figure the analyst did not mean, or
meant otherwise than the sheet says. A comparator typed into the value cell (>12.9, ≥12.9, 12.9以上) agrees
with the 比较符 column or stops the run; a year typed into a value cell (2030 for 12.9 万人) stops the run; the
year check depends on the configured plans, never on the calendar; CSV files saved in the wrong way say so."""
import json
from pathlib import Path

import openpyxl
import pytest

from helpers.core.errors import InputError
from helpers.extract import dataset

HEADER = ["县市", "指标", "单位", "年份", "数值", "比较符", "来源", "备注"]


def _workbook(workspace: Path, rows: list[list], header=HEADER, name: str = "m.xlsx") -> Path:
    path = workspace / "raw" / "monitoring" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    for row in [header, *rows]:
        ws.append(row)
    wb.save(path)
    return path


def _refused(workspace: Path) -> InputError:
    with pytest.raises(InputError) as info:
        dataset.build(workspace / "raw", workspace / "config")
    return info.value


def _built(workspace: Path):
    return dataset.build(workspace / "raw", workspace / "config")


def _monitoring(workspace: Path):
    return _built(workspace).indicators.query("origin == 'monitoring'")


# ----------------------------------------------------------------------------- a comparator in the value cell

@pytest.mark.parametrize("value, column", [
    (">12.9", "="),       # was: > kept, the 比较符 cell's = silently overruled
    ("≥12.9", ">"),       # was: >= kept, the 比较符 cell's > silently dropped
    ("12.9以上", ">"),
    ("＞12.9", ">="),
])
def test_a_comparator_in_the_value_cell_that_the_comparator_column_contradicts_stops_the_run(workspace, value,
                                                                                              column):
    _workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, value, column]])
    err = _refused(workspace)
    assert err.file.endswith("monitoring/m.xlsx") and err.where == "sheet 数据, cells E2 and F2"
    assert value in err.problem and f"'{column}'" in err.problem
    assert "write the number alone in E2 (12.9)" in err.fix and "F2" in err.fix


@pytest.mark.parametrize("value, column, comparator", [
    (">12.9", None, ">"), ("≥12.9", None, ">="), ("12.9以上", None, ">="), (">12.9", ">", ">"),
    ("12.9以上", "≥", ">="),
])
def test_a_comparator_in_the_value_cell_alone_or_agreeing_is_kept_and_logged(workspace, value, column, comparator):
    _workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, value, column]])
    built = _built(workspace)
    row = built.indicators.query("origin == 'monitoring'")
    assert row[["value", "comparator", "source_cell"]].values.tolist() == [[12.9, comparator, "E2"]]
    logged = built.cleaning_log.query("step == 'comparator' and source_file.str.endswith('m.xlsx')")
    assert len(logged) == 1 and json.loads(logged["values"].iloc[0]) == \
        {"raw": value, "value": 12.9, "comparator": comparator}
