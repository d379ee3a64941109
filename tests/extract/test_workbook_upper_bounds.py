"""A monitoring workbook records an upper bound: a figure where less is better, known only as below a number
(人才流失率 <5.5), is entered with the 比较符 < or <= (≤ and the plans' words 不高于 … as typed), or typed into the
value cell (<5.5, ≤5.5, 不高于5.5, 5.5以下). On main the template's list offered only =, > and >=, and each of these
stopped the run ("comparator '<' is not one of =, >, >=", or "value '<5.5' … is not a number").

安吉's 人才流失率 (a lower-is-better indicator added by config, as tests/support/tonglu.py adds it) in a workbook of
one sheet, row 2: each as written, read as below; the sheet and cell recorded as for any other figure.
"""
import openpyxl
import pytest
import yaml

from conftest import copy_of_project
from support.data_step import build_refused, monitored
from support.tonglu import OUTFLOW
from support.workbooks import one_sheet_workbook, template


@pytest.fixture
def workspace(tmp_path):
    root = copy_of_project(tmp_path)
    catalogue = yaml.safe_load((root / "config" / "catalogue.yaml").read_text(encoding="utf-8"))
    catalogue["indicators"].append(OUTFLOW)
    (root / "config" / "catalogue.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False),
                                                    encoding="utf-8")
    return root


def _row(value, comparator=None):
    return ["安吉县", "人才流失率", "%", 2024, value, comparator, "统计年报", None]


@pytest.mark.parametrize("written, comparator", [("<", "<"), ("<=", "<="), ("≤", "<="), ("＜", "<"),
                                                 ("不高于", "<="), ("低于", "<"), (">=", ">="), ("≥", ">="),
                                                 ("不低于", ">="), (None, "=")])
def test_the_comparator_cell_records_a_bound_either_way(workspace, written, comparator):
    one_sheet_workbook(workspace, [_row(5.5, written)])
    [row] = monitored(workspace).to_dict("records")
    assert (row["indicator_id"], row["year"], row["value"], row["comparator"]) == ("talent_outflow_rate", 2024, 5.5,
                                                                                 comparator)
    assert row["source_file"].endswith("monitoring/m.xlsx")
    assert (row["source_sheet"], row["source_cell"]) == ("数据", "E2")


@pytest.mark.parametrize("written, comparator", [("<5.5", "<"), ("≤5.5", "<="), ("<=5.5", "<="),
                                                 ("不高于5.5", "<="), ("5.5以下", "<="), ("5.5以内", "<=")])
def test_a_bound_typed_into_the_value_cell_is_read_with_its_comparator(workspace, written, comparator):
    one_sheet_workbook(workspace, [_row(written)])
    [row] = monitored(workspace).to_dict("records")
    assert (row["value"], row["comparator"], row["source_cell"]) == (5.5, comparator, "E2")
    one_sheet_workbook(workspace, [_row(written, comparator)])        # the 比较符 cell saying the same: as before
    assert monitored(workspace)["comparator"].tolist() == [comparator]


def test_a_value_cell_and_a_comparator_cell_that_disagree_stop_the_run_at_both(workspace):
    one_sheet_workbook(workspace, [_row("<5.5", ">=")])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cells E2 and F2"
    assert "says less than (<), but the 比较符 cell F2 says '>=' (at least (>=))" in err.problem
    assert "< for less than, <= for at most" in err.fix


def test_an_unknown_comparator_names_the_list(workspace):
    one_sheet_workbook(workspace, [_row(5.5, "约")])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell F2" and err.problem == "comparator '约' is not one of =, >, >=, <, <="


def test_the_templates_list_offers_the_upper_bounds(workspace):
    path = template(workspace / "t.xlsx", workspace / "config")
    wb = openpyxl.load_workbook(path)
    lists = wb["选项"]
    assert [lists.cell(r, 4).value for r in range(1, 6)] == ["=", ">", ">=", "<", "<="]
    [validation] = [dv for dv in wb["数据"].data_validations.dataValidation if "F2" in str(dv.sqref)]
    assert validation.formula1 == "='选项'!$D$1:$D$5"


def test_the_template_filled_with_less_than_is_read(workspace):
    path = template(workspace / "raw" / "monitoring" / "t.xlsx", workspace / "config")
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    ws.append(["安吉县", "人才流失率", "%", 2024, 5.5, "<"])
    wb.save(path)
    [row] = monitored(workspace).to_dict("records")
    assert (row["value"], row["comparator"], row["source_cell"]) == (5.5, "<", f"E{ws.max_row}")

