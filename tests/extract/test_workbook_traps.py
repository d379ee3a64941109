"""Monitoring workbooks, second hostile pass (issue 18): a header pasted mid-sheet, a year typed as text 2023.0, a
hidden sheet. None is read silently or answered with a message that does not help."""
import json

import openpyxl

from helpers.core.wording import decision_text, words
from helpers.extract import dataset
from support.data_step import build_refused, monitored
from support.workbooks import HEADER, one_sheet_workbook

ROW = ["建德市", "人才资源总量", "万人", 2023, 12.9]


def _logged(workspace, step: str) -> list[dict]:
    log = dataset.build(workspace / "raw", workspace / "config").cleaning_log.query(f"step == '{step}'")
    return [json.loads(v) for v in log["values"]]


def test_a_header_pasted_mid_sheet_is_named_as_a_header(workspace):
    """Was: "unknown county '县市'. Did you mean …", as if a county were misspelt. Row 3 repeats the header."""
    one_sheet_workbook(workspace, [ROW, HEADER, ["建德市", "人才资源总量", "万人", 2024, 13.4]])
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == "sheet 数据, row 3"
    assert err.problem.startswith("this row repeats the header (县市, 指标, 年份, 数值)")
    assert "delete row 3" in err.fix
    # the advice, followed: the rows above and below are read
    path = workspace / "raw" / "monitoring" / "m.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["数据"].delete_rows(3)
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [12.9, 13.4]


def test_a_header_pasted_with_english_titles_is_named_too(workspace):
    one_sheet_workbook(workspace, [ROW, ["county", "indicator", "unit", "year", "value"]])
    assert build_refused(workspace).where == "sheet 数据, row 3"


def test_a_county_named_like_a_column_is_still_an_unknown_county(workspace):
    """One cell like a header title is a typing slip, not a header: the county is named as unknown."""
    one_sheet_workbook(workspace, [["县市", "人才资源总量", "万人", 2023, 12.9]])
    assert "unknown county '县市'" in build_refused(workspace).problem


def test_a_year_typed_as_text_with_a_zero_decimal_is_read_and_logged(workspace):
    """Was: "year '2023.0' is not a year between 2016 and 2035", of a year that is. A CSV export writes 2023.0 for
    a year column with an empty cell: it can only be 2023, read so, and the cleaning log says so."""
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", "2023.0", 12.9],
                                   ["建德市", "人才资源总量", "万人", " 2024.00 ", 13.4]])
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9], [2024, 13.4]]
    [values] = _logged(workspace, "decimal_year")
    assert values == {"file": "m.xlsx", "sheet": "数据", "rows": "2–3", "raw": "2023.0", "year": 2023}
    said = decision_text("decimal_year", json.dumps(values), words("zh"))
    assert said == "m.xlsx的数据表第2–3行的年份是带零小数位的文本（“2023.0”，CSV导出常见）：读作整年（2023年）"


def test_a_year_with_another_decimal_is_still_refused(workspace):
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", "2023.5", 12.9]])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell D2" and "year '2023.5' is not a year" in err.problem


def test_a_hidden_sheet_is_read_and_the_cleaning_log_says_so(workspace):
    """Was: a hidden sheet's figures read without a word (hidden rows were logged, a hidden sheet not). Decision
    (docs/monitoring.md): read, like a hidden row; the cleaning log names the sheet and how many rows it gave."""
    def hide(ws):
        ws.parent.create_sheet("封面")
        ws.sheet_state = "hidden"
    one_sheet_workbook(workspace, [ROW, ["建德市", "人才资源总量", "万人", 2024, 13.4]], edit=hide)
    assert monitored(workspace)["value"].tolist() == [12.9, 13.4]
    [values] = _logged(workspace, "hidden_sheet")
    assert values == {"file": "m.xlsx", "sheet": "数据", "count": 2}
    said = [decision_text("hidden_sheet", json.dumps(values), words(lang)) for lang in ("zh", "en")]
    assert said[0] == ("m.xlsx的数据表在Excel中隐藏，其中2行数据仍与其他表一样读取"
                       "（隐藏不等于删除：不应读取的表或行请删除）")
    assert said[1].startswith("sheet 数据 in m.xlsx is hidden in Excel; its figures (2 rows) were read")


def test_a_visible_sheet_and_the_templates_hidden_lists_are_not_logged(workspace):
    one_sheet_workbook(workspace, [ROW])
    assert _logged(workspace, "hidden_sheet") == []
