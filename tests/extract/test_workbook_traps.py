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


# ----------------------------------------------------------------------------- own hostile pass

def test_a_strict_open_xml_workbook_is_named_as_such(workspace):
    """Was: "no sheet has the monitoring columns 县市, 指标, 年份 and 数值 in its first 5 rows" of a sheet whose first
    row has them (openpyxl reads no cell of Excel's "Strict Open XML Spreadsheet"); its advice could not work."""
    import zipfile
    path = one_sheet_workbook(workspace, [ROW])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    strict = {name: data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                 b"http://purl.oclc.org/ooxml/spreadsheetml/main") for name, data in parts.items()}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in strict.items():
            archive.writestr(name, data)
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where is None
    assert "saved as “Strict Open XML Spreadsheet”" in err.problem and "Excel 工作簿 (*.xlsx)" in err.fix


def test_a_nul_in_a_utf8_csv_is_named_at_its_line_not_as_utf16(workspace):
    """Was: "the file is UTF-16 text (big-endian …)" for a UTF-8 CSV with one NUL byte, and iconv advice that
    would garble it. UTF-16 has a NUL beside every ASCII character; one NUL is damage, named at its line."""
    folder = workspace / "raw" / "monitoring"
    folder.mkdir(exist_ok=True)
    (folder / "m.csv").write_bytes("县市,指标,单位,年份,数值\n建德市,人才资源总量,万人,2023,12\0.9\n".encode("utf-8"))
    err = build_refused(workspace)
    assert err.file.endswith("m.csv") and err.where == "line 2"
    assert "the line holds a NUL character (byte 0)" in err.problem and "UTF-16" not in err.problem
    assert "delete the character on line 2" in err.fix


def test_a_utf16_csv_is_still_named_as_utf16(workspace):
    folder = workspace / "raw" / "monitoring"
    folder.mkdir(exist_ok=True)
    (folder / "m.csv").write_bytes("县市,指标,单位,年份,数值\n建德市,人才资源总量,万人,2023,12.9\n".encode("utf-16-le"))
    assert "the file is UTF-16 text (little-endian" in build_refused(workspace).problem


def test_a_negative_zero_is_read_as_zero(workspace):
    """Was: '-0' in a workbook kept as -0.0, which the report prints as -0 (a share of -0%)."""
    import math
    one_sheet_workbook(workspace, [["建德市", "专业技术人才中高级职称比例", "%", 2023, "-0"],
                                   ["建德市", "专业技术人才中高级职称比例", "%", 2024, "−0"]])
    values = monitored(workspace)["value"].tolist()
    assert values == [0.0, 0.0] and all(math.copysign(1, v) == 1 for v in values)
    assert [f"{v:g}" for v in values] == ["0", "0"]


def test_a_header_past_the_hundredth_column_gets_advice_that_works(workspace):
    """Was: "… in its first 5 rows …: put the header row within the first 5 rows", of a header in row 1 (starting
    in column CW, past the 100 columns looked at). Now the columns are named too, and moving the table to column A
    (the advice) reads it."""
    def far_right(ws):
        ws.insert_cols(1, 100)
    path = one_sheet_workbook(workspace, [ROW], edit=far_right)
    err = build_refused(workspace)
    assert "in its first 5 rows and first 100 columns (A–CV)" in err.problem
    assert "starting in column A" in err.fix and "the empty columns before it" in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"].delete_cols(1, 100)
    wb.save(path)
    assert monitored(workspace)["value"].tolist() == [12.9]


def test_a_wide_table_with_a_column_per_year_is_named_as_such(workspace):
    """Was: "the header (县市, 指标, 单位, 2021, 2022, 2023) has 县市, 指标 but no 年份 or 数值 column … head the
    column that holds them 年份 and 数值", advice no one column can follow (the years are three columns)."""
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 11.2, 12.0, 12.9]],
                       header=["县市", "指标", "单位", "2021", "2022年", 2023])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, row 1"
    assert err.problem.startswith("the header has a column for each year (2021, 2022年, 2023): a wide table")
    assert "one row per county, indicator and year" in err.fix


def test_a_year_cell_whose_format_shows_another_number_is_told_to_take_a_number_format(workspace):
    """Was: "type the number as it should be read, in the unit of the 单位 column (12.9 for 12.9 万人)", of a year."""
    def scaled(ws):
        ws["D2"].number_format = "0,"
    one_sheet_workbook(workspace, [ROW], edit=scaled)
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell D2" and "its number format '0,' shows another number" in err.problem
    assert "type the year (2023)" in err.fix and "单位" not in err.fix


def test_a_year_with_an_invisible_mark_names_the_mark(workspace):
    """redteam8 finding 7: 2023 followed by a U+200F RIGHT-TO-LEFT MARK (it moves nothing: the sheet shows 2023)
    stopped with "year '2023\u200f' is not a year between 2015 and 2030", the mark invisible in the quote. The
    message names it, and where it stands; the advice, followed (the year typed anew), reads the row."""
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", "2023\u200f", 12.9]])
    err = build_refused(workspace)
    assert err.file.endswith("m.xlsx") and err.where == "sheet 数据, cell D2"
    assert err.problem == ("year '2023\u200f' is not read as a year: it holds U+200F RIGHT-TO-LEFT MARK, an invisible "
                           "character that sets the text's direction, right after '2023'")
    assert err.fix.startswith("select the cell and type the year again, four digits from 2015 to 2030")
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", "20\u200b23", 12.9]])
    assert build_refused(workspace).problem.endswith(
        "it holds U+200B ZERO WIDTH SPACE, an invisible character, right before '23'")
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2023, 12.9]])    # typed anew
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2023, 12.9]]


def test_a_year_cell_saying_the_start_of_a_year_is_told_the_year_before(workspace):
    """redteam20 T8: 年份 '2025年初' (the level at the start of 2025, the end of 2024) stopped with "write a four-digit
    year"; followed as 2025 (the year the cell names), 2024's level was judged as 2025's actual. The advice now says
    what 年初 means, read as a plan's header is (name_meaning.year_start): write 2024, or delete the row when the
    sheet has 2024's figure. Followed either way, 2025 has no actual."""
    path = workspace / "raw" / "monitoring" / "m.xlsx"
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", "2025年初", 13.95]])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell D2"
    assert "'年初' is the start of 2025, the end of 2024" in err.fix and "write 2024, not 2025" in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"]["D2"] = 2024
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2024, 13.95]]
    # the sheet already has 2024's figure: the row is deleted, as the advice says
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", 2024, 13.4],
                                   ["建德市", "人才资源总量", "万人", "2025 年初数", 13.95]])
    err = build_refused(workspace)
    assert err.where == "sheet 数据, cell D3"
    assert "If the sheet already has a 2024 row for the county and indicator, delete this row instead." in err.fix
    wb = openpyxl.load_workbook(path)
    wb["数据"].delete_rows(3)
    wb.save(path)
    assert monitored(workspace)[["year", "value"]].values.tolist() == [[2024, 13.4]]


def test_a_year_cell_saying_the_end_of_a_year_is_told_that_year(workspace):
    """年末/年底 is the year's own year-end level: write the year; 年初步 (preliminary) is no 年初."""
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", "2024年底", 13.4]])
    assert build_refused(workspace).fix == "'年底' is the end of 2024, its year-end level: write 2024."
    one_sheet_workbook(workspace, [["建德市", "人才资源总量", "万人", "2024年初步", 13.4]])
    assert "the start of" not in build_refused(workspace).fix
