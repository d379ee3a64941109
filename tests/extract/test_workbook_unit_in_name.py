"""A unit written in brackets after the indicator's name in a monitoring workbook (人才资源总量（万人）), with no
单位 column or an empty 单位 cell (issue 18, second pass). It was refused as "unknown indicator '人才资源总量（万人）'":
the plan reader read such names (helpers.extract.cleaning.name_and_unit), the workbook reader did not. It is read
as the plan reader reads it, said where the figure is cited and in the cleaning log; a unit that is not the
catalogue's, or that the 单位 cell contradicts, stops the run at the cells, with advice that works when followed."""
import json

import openpyxl

from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from support.data_step import build_refused, monitored
from support.notes import said
from support.workbooks import one_sheet_workbook

NO_UNIT_COLUMN = ["县市", "指标", "年份", "数值"]


def _build(workspace):
    return dataset.build(workspace / "raw", workspace / "config")


def _set(path, **cells) -> None:
    wb = openpyxl.load_workbook(path)
    for coordinate, value in cells.items():
        wb["数据"][coordinate].value = value
    wb.save(path)


def test_a_unit_in_the_name_with_an_empty_unit_cell_is_read_and_said(workspace):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量（万人）", None, 2023, 12.9]])
    built = _build(workspace)
    row = built.indicators.query("origin == 'monitoring'").iloc[0]
    assert (row["indicator_id"], row["value"], row["source_unit"], row["source_cell"]) == \
        ("talent_total", 12.9, "万人", "E2")
    assert "unit “万人” from the brackets after the indicator's name" in said(row)
    [logged] = built.cleaning_log.query("step == 'unit_from_name'")["values"]
    assert json.loads(logged) == {"raw": "人才资源总量（万人）", "name": "人才资源总量", "source_unit": "万人"}
    assert decision_text("unit_from_name", logged, words("zh")).startswith("“人才资源总量（万人）”：单位栏为空")


def test_a_unit_in_the_name_with_no_unit_column_is_read(workspace):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量(万人)", 2023, 12.9]], header=NO_UNIT_COLUMN)
    row = monitored(workspace).iloc[0]
    assert (row["value"], row["source_unit"]) == (12.9, "万人")


def test_a_unit_in_the_name_that_the_unit_cell_repeats_is_read_without_a_note(workspace):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量（万人）", "万人", 2023, 12.9]])
    built = _build(workspace)
    assert built.indicators.query("origin == 'monitoring'")["value"].tolist() == [12.9]
    assert built.cleaning_log.query("step == 'unit_from_name'").empty


def test_a_unit_in_the_name_other_than_the_catalogues_stops_the_run_and_the_advice_works(workspace):
    """152000 人 must not be read as 152000 万人 (the plan reader's finding of the last pass), nor converted
    without a word: the run stops at the name's cell."""
    path = one_sheet_workbook(workspace, [["建德市", "人才资源总量（人）", 2023, 152000]],
                              header=NO_UNIT_COLUMN)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell B2"
    assert err.problem == ("the indicator's name '人才资源总量（人）' gives the unit 人, but 人才资源总量 is "
                           "counted in 万人 (the catalogue's unit)")
    assert "convert the figure to 万人 and write the name as 人才资源总量（万人） or 人才资源总量" in err.fix
    _set(path, B2="人才资源总量（万人）", D2=15.2)
    assert monitored(workspace)["value"].tolist() == [15.2]


def test_a_unit_cell_that_contradicts_the_name_stops_the_run_naming_both_cells(workspace):
    path = one_sheet_workbook(workspace, [["建德市", "人才资源总量（万人）", "人", 2023, 12.9]])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells B2 and C2"
    assert "gives the unit 万人, but the 单位 cell C2 says '人'" in err.problem
    _set(path, B2="人才资源总量", C2="万人")
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_a_bracket_that_is_not_a_unit_leaves_the_name_unknown(workspace):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量（全口径）", "万人", 2023, 12.9]])
    assert "unknown indicator '人才资源总量（全口径）'" in build_refused(workspace).problem
